package dev.descent.optim;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A choice that the registry lists with an explanation, e.g. a {@code Convention} constant naming the
 * framework whose arithmetic it reproduces. An enum implements it by writing each constant's line in a
 * {@link Description} on the constant; it needs no field, constructor or method of its own:
 *
 * <pre>
 * public enum Convention implements Documented {
 *     &#64;Description("acc₀ = 0, ε = 1e-10 (torch.optim.Adagrad)") PYTORCH,
 *     &#64;Description("acc₀ = 0.1, ε = 1e-7 (Keras Adagrad)") KERAS
 * }
 * Convention.KERAS.description();   // "acc₀ = 0.1, ε = 1e-7 (Keras Adagrad)"
 * </pre>
 */
public interface Documented {

    /** The line {@link #description()} returns for the enum constant it is written on. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Description {
        String value();
    }

    /**
     * One line: what this choice does, and which frameworks do it this way. For an enum constant, the text of
     * its {@link Description}; any other implementation overrides this.
     */
    default String description() {
        if (!(this instanceof Enum<?> constant)) {
            throw new UnsupportedOperationException(getClass().getName()
                    + " implements Documented but is not an enum: it must override description()");
        }
        Class<?> type = constant.getDeclaringClass();
        Description d;
        try {
            d = type.getField(constant.name()).getAnnotation(Description.class);
        } catch (NoSuchFieldException e) {
            throw new AssertionError("every enum constant is a public field", e);
        }
        if (d == null) {
            throw new IllegalStateException(type.getName() + "." + constant.name() + " has no @Documented.Description");
        }
        return d.value();
    }
}
