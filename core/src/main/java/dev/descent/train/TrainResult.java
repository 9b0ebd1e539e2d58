package dev.descent.train;

import java.util.Arrays;

/**
 * The outcome of a run: the loss of every step (index 0 is step 1), the final evaluation, the training
 * time in seconds (data loading and evaluation excluded), and whether the loss became NaN or infinite
 * (then {@code divergedAt} is that step and training stopped there).
 */
public record TrainResult(double[] losses, Evaluation evaluation, double trainSeconds, int batchSize,
                          boolean diverged, long divergedAt) {

    public long steps() {
        return losses.length;
    }

    /** Mean training loss of the last {@code k} steps (fewer if the run was shorter). */
    public double meanLossOfLast(int k) {
        int from = Math.max(0, losses.length - k);
        return Arrays.stream(losses, from, losses.length).average().orElse(Double.NaN);
    }

    public double imagesPerSecond() {
        return trainSeconds > 0 ? losses.length * (double) batchSize / trainSeconds : Double.NaN;
    }
}
