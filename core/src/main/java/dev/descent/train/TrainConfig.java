package dev.descent.train;

import java.util.Locale;

/**
 * How long and on what to train: {@code steps} minibatches of {@code batchSize} examples, batch order and
 * dropout from {@code seed}, evaluations every {@code evalEvery} steps (0: only at the end) in batches of
 * {@code evalBatch}, on the sets {@code evaluate} names (today's default {@link Evaluate#TEST}: the first
 * {@code evalExamples} test examples during training, 0: all, and the whole test set at the end). A run whose loss
 * meets the {@code divergence} rule ({@link Divergence#DEFAULT} unless given) stops there, diverged.
 *
 * <pre>{@code
 * TrainConfig study = new TrainConfig(1000, 50, seed, 100, 50, 1000);            // test probe every 100, test at the end
 * TrainConfig trial = study.withEvaluate(TrainConfig.Evaluate.VALIDATION);       // a sweep trial: never the test set
 * }</pre>
 */
public record TrainConfig(long steps, int batchSize, long seed, long evalEvery, int evalBatch, int evalExamples,
                          Divergence divergence, Evaluate evaluate) {

    /**
     * Which held-out sets a run is evaluated on. Validation evaluations use the whole validation set
     * ({@link dev.descent.data.Dataset.Split#validation()}, which must then be there) every {@code evalEvery} steps and
     * at the last step of a run that did not diverge; they reach {@link TrainListener#onValidation} and
     * {@link TrainResult#validation()}. Test evaluations reach {@link TrainListener#onEvaluation} and
     * {@link TrainResult#evaluation()}.
     */
    public enum Evaluate {
        /** The test probe ({@code evalExamples}) every {@code evalEvery} steps and the whole test set at the end; no validation. */
        TEST,
        /** Validation only; the test set is never looked at (a sweep's trials). */
        VALIDATION,
        /** Validation as {@link #VALIDATION}, and the whole test set once, at the end (a sweep's re-runs of the chosen configurations). */
        VALIDATION_FINAL_TEST;

        /** Whether the validation set is evaluated. */
        public boolean validation() {
            return this != TEST;
        }

        /** Whether the test set is evaluated during training (the probe). */
        public boolean testProbe() {
            return this == TEST;
        }

        /** Whether the whole test set is evaluated at the end. */
        public boolean finalTest() {
            return this != VALIDATION;
        }

        /** {@code test}, {@code validation}, {@code validation_final_test}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Test evaluations as before validation sets existed, {@link Evaluate#TEST}. */
    public TrainConfig(long steps, int batchSize, long seed, long evalEvery, int evalBatch, int evalExamples, Divergence divergence) {
        this(steps, batchSize, seed, evalEvery, evalBatch, evalExamples, divergence, Evaluate.TEST);
    }

    /** With the default divergence rule, {@link Divergence#DEFAULT}, and test evaluations ({@link Evaluate#TEST}). */
    public TrainConfig(long steps, int batchSize, long seed, long evalEvery, int evalBatch, int evalExamples) {
        this(steps, batchSize, seed, evalEvery, evalBatch, evalExamples, Divergence.DEFAULT);
    }

    public TrainConfig {
        if (divergence == null) {
            throw new IllegalArgumentException("divergence rule is required (Divergence.DEFAULT, Divergence.NON_FINITE_ONLY or Divergence.aboveInitial(factor))");
        }
        if (evaluate == null) {
            throw new IllegalArgumentException("the evaluated sets are required (Evaluate.TEST, VALIDATION or VALIDATION_FINAL_TEST)");
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
        return new TrainConfig(steps, batchSize, seed, evalEvery, evalBatch, evalExamples, rule, evaluate);
    }

    /** This configuration evaluated on {@code sets}. */
    public TrainConfig withEvaluate(Evaluate sets) {
        return new TrainConfig(steps, batchSize, seed, evalEvery, evalBatch, evalExamples, divergence, sets);
    }
}
