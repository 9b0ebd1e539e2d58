package dev.descent.train;

import java.util.Arrays;

/**
 * The outcome of a run: the loss of every step (index 0 is step 1), the final evaluation, the training time in
 * seconds (data loading and evaluation excluded), the {@link Divergence.Event} if the run diverged (then training
 * stopped at its step; {@code null} otherwise), and the steps the non-finite guard ({@code on_nonfinite=skip})
 * skipped, in order.
 *
 * <p>A skipped step's loss stays in {@link #losses()} as it was (NaN or ±infinity: the data, not a substitute),
 * and its update was never applied; {@link #meanLossOfLast} leaves skipped steps out, so one skipped batch does
 * not turn the run's final loss into NaN.
 */
public record TrainResult(double[] losses, Evaluation evaluation, double trainSeconds, int batchSize,
                          Divergence.Event divergence, long[] skippedSteps) {

    public long steps() {
        return losses.length;
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
            if (Arrays.binarySearch(skippedSteps, i + 1) < 0) {
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
