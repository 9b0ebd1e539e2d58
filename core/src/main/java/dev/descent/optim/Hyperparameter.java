package dev.descent.optim;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one component of an optimizer's {@code Config} record for the registry's listing:
 * what it means and its allowed range. The record's compact constructor does the checking (with the
 * same range strings, from {@link Checks}); {@code OptimizersTest} holds the two together by trying
 * values just outside every stated range.
 *
 * <pre>{@code
 * public record Config(@Hyperparameter(value = "first-moment decay β1", range = Checks.UNIT) double beta1) {
 *     public Config { Checks.inUnitInterval("beta1", beta1); }
 * }
 * }</pre>
 *
 * The registry key is the component name in snake case ({@code initialAccumulator} →
 * {@code initial_accumulator}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Hyperparameter {
    /** What the hyperparameter means, with its symbol in the update equations. */
    String value();

    /** Allowed range, e.g. {@link Checks#UNIT}; empty for booleans and enums (their values are listed). */
    String range() default "";
}
