package dev.descent.optim;

/**
 * Argument checks shared by the optimizers, run at construction or once per step, never inside an update
 * loop. Messages say what was wrong and what is allowed, e.g. {@code "beta1 must be in [0, 1), got 1.2"}.
 * The range strings are the ones {@link Hyperparameter#range()} shows in the registry's listing.
 */
public final class Checks {
    /** {@code [0, 1)}: decay rates such as β1, β2, ρ, μ. */
    public static final String UNIT = "[0, 1)";
    /** {@code (0, inf)}: strictly positive and finite, e.g. ε. */
    public static final String POSITIVE = "(0, inf)";
    /** {@code [0, inf)}: non-negative and finite, e.g. an initial accumulator or a weight decay. */
    public static final String NON_NEGATIVE = "[0, inf)";

    private Checks() {
    }

    public static void sameLength(float[] params, float[] grads) {
        if (params.length != grads.length) {
            throw new IllegalArgumentException("params and grads differ in length: " + params.length + " vs " + grads.length);
        }
    }

    public static double inUnitInterval(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in " + UNIT + ", got " + v);
        }
        return v;
    }

    public static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be in " + POSITIVE + ", got " + v);
        }
        return v;
    }

    public static double nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be in " + NON_NEGATIVE + ", got " + v);
        }
        return v;
    }

    public static <T> T notNull(String name, T v) {
        if (v == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return v;
    }

    /** The learning rate of a step: finite and {@code >= 0}. */
    static double learningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be in " + NON_NEGATIVE + ", got " + lr);
        }
        return lr;
    }
}
