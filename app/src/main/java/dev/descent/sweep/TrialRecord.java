package dev.descent.sweep;

import dev.descent.spec.Spec;

/**
 * One row of {@code trials.csv}: one tuning trial at one rung (without early stopping every trial has one rung,
 * its full budget). The validation numbers are those of the trial's last evaluation ({@code final}) and
 * {@code metric} is the selection metric's value ({@link Tuning#metric()}: final or best-so-far); NaN when the
 * trial diverged.
 *
 * @param trial     the trial's index within its (problem, optimizer), from 0, in sampling order
 * @param point     the hyperparameters, a {@code point(lr=..., ...)} spec in the search space's order
 * @param steps     steps done (the rung's budget, or fewer when diverged)
 * @param divergedAt the step it diverged at, or -1
 * @param promoted  whether the trial went on to the next rung (false at the last rung)
 * @param cpuSeconds the training thread's CPU time for this rung
 */
public record TrialRecord(String problem, String optimizer, int trial, int rung, Spec point, long seed, long steps,
                          double metric, double validationAccuracy, double validationLoss, boolean diverged,
                          long divergedAt, boolean promoted, double cpuSeconds, double wallSeconds) {

    /** The trial's learning rate (the point's {@code lr}), or NaN when the space does not search it. */
    public double lr() {
        return point.has("lr") && point.get("lr") instanceof dev.descent.spec.Value.Num n ? n.value() : Double.NaN;
    }
}
