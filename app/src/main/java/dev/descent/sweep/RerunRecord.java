package dev.descent.sweep;

import dev.descent.spec.Spec;
import dev.descent.study.RunResult;
import dev.descent.train.Evaluation;

import java.util.List;

/**
 * A full-budget run of a chosen configuration with one seed (or, with {@code untuned}, of the common learning rate):
 * the per-step rows (loss, lr, gradient norm, seconds; the evaluation columns hold the <em>validation</em> loss and
 * accuracy), the final validation and test evaluations, and time-to-target on the validation metric.
 *
 * @param untuned        whether this is the untuned comparison run (the common learning rate) rather than a re-run
 * @param stepsToTarget  the first evaluated step whose validation metric reached the problem's target, or -1
 * @param secondsToTarget training seconds at that step, or NaN
 */
public record RerunRecord(String problem, String optimizer, long seed, Spec point, boolean untuned, List<RunResult.Row> rows,
                          Evaluation validation, Evaluation test, boolean diverged, long divergedAt, double cpuSeconds,
                          long stepsToTarget, double secondsToTarget) {
    public RerunRecord {
        rows = List.copyOf(rows);
    }
}
