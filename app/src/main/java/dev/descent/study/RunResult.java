package dev.descent.study;

import java.util.List;

/**
 * The recorded outcome of one run (configuration × seed): every step's metrics and the figures the
 * summary reports. Built by the runner while training, or read back from the metrics file.
 */
public record RunResult(String name, long seed, List<Row> rows, double testAccuracy, double testLoss,
                        boolean diverged, long divergedAt, double trainSeconds) {

    /** One step: the metrics.csv row. Test columns are NaN except at evaluation steps. */
    public record Row(long step, double loss, double lr, double gradNorm, double seconds, double testLoss, double testAccuracy) {
    }

    public static final String CSV_HEADER = "optimizer,seed,step,loss,lr,grad_norm,seconds,test_loss,test_accuracy";

    /** Mean training loss of the last {@code k} steps. */
    public double finalLoss(int k) {
        int from = Math.max(0, rows.size() - k);
        return rows.subList(from, rows.size()).stream().mapToDouble(Row::loss).average().orElse(Double.NaN);
    }
}
