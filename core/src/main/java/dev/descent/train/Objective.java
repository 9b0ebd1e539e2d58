package dev.descent.train;

import dev.descent.kernel.WorkerPool;

/**
 * What the training loop minimizes: a flat parameter array trained in place, its gradient in the same layout, a
 * stream of minibatches (each step asks for the loss of the next one and leaves its gradient), and evaluations on
 * held-out sets. {@link Trainer#train(dev.descent.model.Network, dev.descent.data.Dataset.Split,
 * dev.descent.optim.Optimizer, dev.descent.schedule.Schedule, TrainConfig, TrainListener)} wraps a network and its
 * data in one; the noisy quadratic ({@code dev.descent.problem.QuadraticDeep}) is another, so both go through the
 * one loop: the same non-finite guard, divergence rule, evaluations and checkpoints.
 *
 * <p>An objective is made for one run: its minibatch stream starts at the first batch of the run's seed.
 *
 * <pre>{@code
 * TrainResult r = Trainer.train(objective, optimizer, schedule, config, listener, null);   // from step 0
 * }</pre>
 */
public interface Objective {

    /** The parameters, trained in place. */
    float[] params();

    /** The gradient of the latest {@link #trainStep}, as long as {@link #params()}. */
    float[] grads();

    /**
     * The parameters' views (names, kinds, shapes) when they have a layout, or {@code null} for one flat vector:
     * whole-tensor rules ({@link dev.descent.optim.Optimizer#useLayout}) and layer-wise rules
     * ({@link dev.descent.optim.Optimizer#layerwise}) need them. A network's are its layers' weights and biases.
     */
    default dev.descent.tensor.Parameters layout() {
        return null;
    }

    /** Threads for the update and the gradient norm, or {@code null} for the calling thread only. */
    WorkerPool pool();

    /** Moves the minibatch stream past {@code batches} batches without computing anything (a continued run). */
    void skip(long batches);

    /** Mean loss of the next minibatch at the current parameters (training mode); its gradient into {@link #grads()}. */
    double trainStep(long step);

    /** Whether there is a validation set to evaluate. */
    boolean hasValidation();

    /** Loss (and accuracy, or NaN) on the whole validation set after {@code step} steps. */
    Evaluation validation(long step);

    /**
     * Loss (and accuracy, or NaN) on the test set after {@code step} steps: the whole of it, or with
     * {@code probe} the cheaper part evaluated during training.
     */
    Evaluation test(long step, boolean probe);
}
