package dev.descent.train;

/**
 * How long and on what to train: {@code steps} minibatches of {@code batchSize} examples, batch order and
 * dropout from {@code seed}, test evaluation every {@code evalEvery} steps (0: only at the end) in batches
 * of {@code evalBatch} on the first {@code evalExamples} test examples (0: all; the final evaluation always
 * uses all). A run whose loss meets the {@code divergence} rule ({@link Divergence#DEFAULT} unless given) stops
 * there, diverged.
 */
public record TrainConfig(long steps, int batchSize, long seed, long evalEvery, int evalBatch, int evalExamples,
                          Divergence divergence) {

    /** With the default divergence rule, {@link Divergence#DEFAULT}. */
    public TrainConfig(long steps, int batchSize, long seed, long evalEvery, int evalBatch, int evalExamples) {
        this(steps, batchSize, seed, evalEvery, evalBatch, evalExamples, Divergence.DEFAULT);
    }

    public TrainConfig {
        if (divergence == null) {
            throw new IllegalArgumentException("divergence rule is required (Divergence.DEFAULT, Divergence.NON_FINITE_ONLY or Divergence.aboveInitial(factor))");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("evaluation interval must be >= 0 (0: only at the end), got " + evalEvery);
        }
        if (evalExamples < 0) {
            throw new IllegalArgumentException("evaluation examples must be >= 0 (0: all), got " + evalExamples);
        }
        if (evalBatch < 1) {
            throw new IllegalArgumentException("evaluation batch must be >= 1, got " + evalBatch);
        }
    }

    /** {@code steps} of {@code batchSize}, evaluation only at the end in batches of the training batch size. */
    public static TrainConfig of(long steps, int batchSize, long seed) {
        return new TrainConfig(steps, batchSize, seed, 0, batchSize, 0);
    }

    /** This configuration with {@code rule} deciding when a run has diverged. */
    public TrainConfig withDivergence(Divergence rule) {
        return new TrainConfig(steps, batchSize, seed, evalEvery, evalBatch, evalExamples, rule);
    }
}
