package dev.descent.train;

/**
 * Receives the records of a run as they are produced (for progress bars, metric files, dashboards): every step,
 * every test evaluation ({@link #onEvaluation}) and every validation evaluation ({@link #onValidation}), as
 * {@link TrainConfig#evaluate()} asks for them.
 */
public interface TrainListener {
    TrainListener NONE = new TrainListener() {
    };

    default void onStep(StepRecord record) {
    }

    /** A test evaluation (the probe during training, the whole test set at the end). */
    default void onEvaluation(Evaluation evaluation) {
    }

    /** A validation evaluation (every {@code evalEvery} steps, and at the last step of a run that did not diverge). */
    default void onValidation(Evaluation evaluation) {
    }
}
