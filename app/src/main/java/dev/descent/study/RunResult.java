package dev.descent.study;

import dev.descent.train.Divergence;

import java.util.List;
import java.util.Set;

/**
 * The recorded outcome of one run (configuration × seed): every step's metrics and the figures the
 * summary reports. Built by the runner while training, or read back from the metrics file.
 *
 * @param divergence   why the run diverged at {@code divergedAt} (null when it did not)
 * @param skippedSteps the steps {@code on_nonfinite=skip} skipped: their rows hold the loss as it was (NaN or
 *                     infinite, or finite with a non-finite gradient norm) and no update was applied
 */
public record RunResult(String name, long seed, List<Row> rows, double testAccuracy, double testLoss,
                        boolean diverged, long divergedAt, double trainSeconds,
                        Divergence.Cause divergence, Set<Long> skippedSteps) {

    /** One step: the metrics.csv row. Test columns are NaN except at evaluation steps. */
    public record Row(long step, double loss, double lr, double gradNorm, double seconds, double testLoss, double testAccuracy) {
    }

    public static final String CSV_HEADER = "optimizer,seed,step,loss,lr,grad_norm,seconds,test_loss,test_accuracy";

    public RunResult {
        skippedSteps = Set.copyOf(skippedSteps);
    }

    /** A run without a recorded cause of divergence and without skipped steps. */
    public RunResult(String name, long seed, List<Row> rows, double testAccuracy, double testLoss,
                     boolean diverged, long divergedAt, double trainSeconds) {
        this(name, seed, rows, testAccuracy, testLoss, diverged, divergedAt, trainSeconds, null, Set.of());
    }

    /**
     * Each row's loss as averages and smoothed curves take it: a step skipped by the non-finite guard as NaN, which
     * the EMA passes over; the rows themselves keep the loss as it was.
     */
    public double[] lossesForStatistics() {
        return rows.stream().mapToDouble(r -> skippedSteps.contains(r.step()) ? Double.NaN : r.loss()).toArray();
    }

    /** Index of the last row that was not skipped, or −1. */
    public int lastAppliedRow() {
        int i = rows.size() - 1;
        while (i >= 0 && skippedSteps.contains(rows.get(i).step())) {
            i--;
        }
        return i;
    }

    /** Mean training loss of the last {@code k} steps, steps skipped by the non-finite guard left out. */
    public double finalLoss(int k) {
        int from = Math.max(0, rows.size() - k);
        return rows.subList(from, rows.size()).stream().filter(r -> !skippedSteps.contains(r.step()))
                .mapToDouble(Row::loss).average().orElse(Double.NaN);
    }
}
