package dev.descent.optim;

/**
 * A choice that the registry lists with an explanation, e.g. a {@code Convention} constant naming the
 * framework whose arithmetic it reproduces.
 */
public interface Documented {
    /** One line: what this choice does, and which frameworks do it this way. */
    String description();
}
