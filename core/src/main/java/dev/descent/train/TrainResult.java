package dev.descent.train;

import java.util.Arrays;

/**
 * The outcome of a run: the loss of every step it ran (index 0 is step {@code fromStep + 1}: step 1, or the step
 * after the {@link Checkpoint} it continued from), the final test evaluation ({@code null} when the config's
 * {@link TrainConfig.Evaluate} leaves the test set out), the validation evaluation at the last step ({@code null}
 * when validation is not evaluated or the run diverged), the training time in seconds (data loading and evaluation
 * excluded), the {@link Divergence.Event} if the run diverged (then training stopped at its step; {@code null}
 * otherwise), the steps the non-finite guard ({@code on_nonfinite=skip}) skipped since step 1, in order, and the
 * initial loss the divergence rule compares with (the first finite loss since step 1; NaN if none yet).
 *
 * <p>A skipped step's loss stays in {@link #losses()} as it was (NaN or ±infinity: the data, not a substitute),
 * and its update was never applied; {@link #meanLossOfLast} leaves skipped steps out, so one skipped batch does
 * not turn the run's final loss into NaN.
 */
public record TrainResult(double[] losses, long fromStep, Evaluation evaluation, Evaluation validation, double trainSeconds,
                          int batchSize, Divergence.Event divergence, long[] skippedSteps, double initialLoss) {

    /** The steps this run ran (not counting those before its checkpoint). */
    public long steps() {
        return losses.length;
    }

    /** The number of the last step run: {@code fromStep + steps()}. */
    public long lastStep() {
        return fromStep + losses.length;
    }

    /** Whether the run diverged (see {@link #divergence()} for where and why). */
    public boolean diverged() {
        return divergence != null;
    }

    /** The step the run diverged at, or −1. */
    public long divergedAt() {
        return divergence == null ? -1 : divergence.step();
    }

    /** Mean training loss of the last {@code k} steps (fewer if the run was shorter), skipped steps left out. */
    public double meanLossOfLast(int k) {
        int from = Math.max(0, losses.length - k);
        double sum = 0;
        int n = 0;
        for (int i = from; i < losses.length; i++) {
            if (Arrays.binarySearch(skippedSteps, fromStep + i + 1) < 0) {
                sum += losses[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public double imagesPerSecond() {
        return trainSeconds > 0 ? losses.length * (double) batchSize / trainSeconds : Double.NaN;
    }
}
