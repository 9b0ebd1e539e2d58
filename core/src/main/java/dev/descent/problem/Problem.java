package dev.descent.problem;

import dev.descent.data.Validation;
import dev.descent.search.Metric;

import java.util.Objects;

/**
 * A problem a sweep tunes on: a dataset and a model (or, for {@code quadratic-deep}, a synthetic noisy quadratic
 * with {@code dataset == null}), the batch size, the budget in steps, validation evaluations every
 * {@code evalEvery} steps (and at the end), the validation rule, and the target: the validation
 * {@code targetMetric} value whose first reaching counts as time-to-target (AlgoPerf).
 *
 * @param name         the registry name, e.g. {@code mnist-cnn}
 * @param dataset      a {@link dev.descent.data.Datasets} name, or {@code null} for a synthetic problem
 * @param model        a {@link dev.descent.model.Models} name, or the synthetic problem's own name
 * @param targetMetric {@link Metric.Kind#ACCURACY} for the classification problems, {@link Metric.Kind#LOSS} for the quadratic
 * @param target       the value of {@code targetMetric} to reach (an accuracy in (0, 1], a loss &gt; 0)
 */
public record Problem(String name, String description, String dataset, String model, int batch, long steps,
                      long evalEvery, Validation validation, Metric.Kind targetMetric, double target) {

    public Problem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(targetMetric, "targetMetric");
        description = description == null ? "" : description;
        if (batch < 1) {
            throw new IllegalArgumentException(name + ": batch must be >= 1, got " + batch);
        }
        if (steps < 1) {
            throw new IllegalArgumentException(name + ": steps must be >= 1, got " + steps);
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException(name + ": eval_every must be >= 1, got " + evalEvery);
        }
        if (!Double.isFinite(target) || !(target > 0) || (targetMetric == Metric.Kind.ACCURACY && target > 1)) {
            throw new IllegalArgumentException(name + ": target must be " + (targetMetric == Metric.Kind.ACCURACY
                    ? "a validation accuracy in (0, 1]" : "a finite validation loss > 0 (no loss here is negative)") + ", got " + target);
        }
    }

    /** Whether the problem is the synthetic noisy quadratic (no dataset, no accuracy). */
    public boolean synthetic() {
        return dataset == null;
    }

    /** Whether its evaluations have an accuracy (the classification problems) or only a loss. */
    public boolean hasAccuracy() {
        return !synthetic();
    }
}
