package dev.descent.problem;

import dev.descent.train.Checkpoint;
import dev.descent.train.Divergence;
import dev.descent.train.Optimization;
import dev.descent.train.TrainConfig;

import java.util.Objects;

/**
 * One trial to run on a {@link Workbench}: how to optimize, the seed (initial weights, batch order, dropout), the
 * step to stop at, the divergence rule, whether to evaluate on the test set at the end (only the chosen
 * configurations' re-runs do), where to start ({@code null}: from step 0 and fresh weights; a {@link Checkpoint}:
 * continue bit-identically from its step, as successive halving's promoted trials do), and whether to return a
 * checkpoint of the end state.
 */
public record TrialRequest(Optimization optimization, long seed, long steps, Divergence divergence, boolean test,
                           Checkpoint from, boolean keepCheckpoint) {
    public TrialRequest {
        Objects.requireNonNull(optimization, "optimization");
        Objects.requireNonNull(divergence, "divergence");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (from != null && from.step() >= steps) {
            throw new IllegalArgumentException("the checkpoint is at step " + from.step() + ", not before the trial's end " + steps);
        }
    }

    /**
     * The training loop's settings of this trial on {@code problem}: the one place they are made, for the workbench
     * that runs the trial and for the fingerprint that names its result. Validation always; the test set only at
     * the end and only when {@link #test()} asks.
     */
    public TrainConfig trainConfig(Problem problem) {
        return new TrainConfig(steps, problem.batch(), seed, problem.evalEvery(), problem.batch(), 0, divergence,
                test ? TrainConfig.Evaluate.VALIDATION_FINAL_TEST : TrainConfig.Evaluate.VALIDATION);
    }
}
