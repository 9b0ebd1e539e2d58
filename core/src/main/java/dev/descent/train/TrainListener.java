package dev.descent.train;

/** Receives the records of a run as they are produced (for progress bars, metric files, dashboards). */
public interface TrainListener {
    TrainListener NONE = new TrainListener() {
    };

    default void onStep(StepRecord record) {
    }

    default void onEvaluation(Evaluation evaluation) {
    }
}
