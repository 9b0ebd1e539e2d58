package dev.descent.train;

import dev.descent.optim.OptimizerState;

/**
 * The state of a run after {@code step} steps, enough to continue it bit-identically: the parameters, the
 * optimizer's state, the first finite loss (the divergence rule's reference) and the steps skipped so far.
 * Written to and read from a file by {@code write}/{@code read}.
 */
public record Checkpoint(long step, float[] params, OptimizerState optimizer, double initialLoss, long[] skippedSteps) {
}
