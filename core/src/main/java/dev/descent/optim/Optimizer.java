package dev.descent.optim;

/**
 * An optimizer: updates a flat parameter array in place from the gradient array of the same layout.
 *
 * <p>The learning rate of each step comes from outside (a {@link dev.descent.schedule.Schedule}), so
 * conventions that differ only once the learning rate changes can be expressed exactly. State (moments,
 * accumulators, the step count) is allocated on the first call and kept between calls; {@link #reset()}
 * forgets it.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(Adam.Config.DEFAULTS);
 * for (int t = 0; t < steps; t++) {
 *     computeGradients(params, grads);
 *     adam.step(params, grads, schedule.at(t));
 * }
 * }</pre>
 */
public interface Optimizer {

    /** Applies one update: {@code params ← params − update(grads, state, lr)}. */
    void step(float[] params, float[] grads, double learningRate);

    /** Forgets all state, so the next step is the first. */
    void reset();

    /** Name and every hyperparameter, e.g. {@code adam(beta1=0.9, beta2=0.999, eps=1e-08)}. */
    @Override
    String toString();
}
