package dev.descent.problem;

import dev.descent.train.Checkpoint;
import dev.descent.train.Divergence;
import dev.descent.train.Evaluation;
import dev.descent.train.StepRecord;

import java.util.List;

/**
 * What a trial produced: the steps it ran (from its start, or from its checkpoint's step + 1), the validation
 * evaluations (every {@code evalEvery} steps of the problem and at the last step; the last is {@link #validation()}),
 * the test evaluation if asked ({@code null} otherwise), the divergence event ({@code null} if none), training
 * seconds (wall, evaluations excluded) and the CPU seconds of the whole trial, evaluations included, on the thread
 * that ran it and its backend's worker threads ({@code ThreadMXBean}; NaN where the JVM does not measure it), and the
 * end checkpoint if asked and the trial did not diverge ({@code null} otherwise). A trial that diverged has no
 * validation evaluation at its last step: its validations are those made before it diverged.
 */
public record TrialOutcome(List<StepRecord> steps, List<Evaluation> validations, Evaluation test,
                           Divergence.Event divergence, double trainSeconds, double cpuSeconds, Checkpoint checkpoint) {
    public TrialOutcome {
        steps = List.copyOf(steps);
        validations = List.copyOf(validations);
    }

    /** The last validation evaluation, or {@code null} when there was none (a trial that diverged at once). */
    public Evaluation validation() {
        return validations.isEmpty() ? null : validations.get(validations.size() - 1);
    }

    public boolean diverged() {
        return divergence != null;
    }
}
