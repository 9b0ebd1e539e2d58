package dev.descent.study;

import dev.descent.stats.Ema;

/**
 * The figures of one run (configuration × seed) that summary.json reports, computed from the run's recorded
 * rows only, so {@code descent report} can redo them from metrics.csv.
 *
 * <pre>{@code
 * RunSummary s = RunSummary.of(result, spec.smoothing(), spec.lossThreshold());
 * s.finalSmoothedLoss();   // the last value of the curve the loss plot draws
 * }</pre>
 *
 * @param steps             training steps recorded
 * @param finalLoss         mean training loss of the last {@value #FINAL_WINDOW} steps
 * @param finalSmoothedLoss last value of the smoothed loss ({@link Ema#debiased(double[], double)}), NaN without steps
 * @param stepsToThreshold  first step whose smoothed loss is at or below the threshold; null if none was
 * @param divergedAt        the step at which the loss became non-finite; null unless {@code diverged}
 */
public record RunSummary(String name, long seed, int steps, double testAccuracy, double testLoss, double finalLoss,
                         double finalSmoothedLoss, Long stepsToThreshold, boolean diverged, Long divergedAt,
                         double trainSeconds) {
    /** Steps averaged for {@code final_loss}. */
    public static final int FINAL_WINDOW = 50;

    public RunSummary {
        StudySummary.present(name, "name");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (diverged != (divergedAt != null)) {
            throw new IllegalArgumentException("diverged_at must be a step when diverged is true and null otherwise, got diverged="
                    + diverged + ", diverged_at=" + divergedAt);
        }
    }

    /** The summary of {@code r}; {@code smoothing} is the EMA weight, {@code threshold} the loss to reach. */
    public static RunSummary of(RunResult r, double smoothing, double threshold) {
        double[] smooth = Ema.debiased(r.lossesForStatistics(), smoothing);   // skipped steps pass over
        Long toThreshold = null;
        for (int i = 0; i < smooth.length && toThreshold == null; i++) {
            if (smooth[i] <= threshold) {
                toThreshold = r.rows().get(i).step();
            }
        }
        return new RunSummary(r.name(), r.seed(), r.rows().size(), r.testAccuracy(), r.testLoss(), r.finalLoss(FINAL_WINDOW),
                r.lastAppliedRow() < 0 ? Double.NaN : smooth[r.lastAppliedRow()], toThreshold, r.diverged(),
                r.diverged() ? r.divergedAt() : null, r.trainSeconds());
    }
}
