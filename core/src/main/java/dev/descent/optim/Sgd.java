package dev.descent.optim;

/**
 * Plain (stochastic) gradient descent: {@code θ ← θ − lr · g}.
 *
 * <p>Robbins &amp; Monro, "A Stochastic Approximation Method", 1951. Stateless; the learning rate of
 * each step comes from the schedule.
 */
public final class Sgd implements Optimizer {

    @Override
    public void step(float[] params, float[] grads, double learningRate) {
        Checks.sameLength(params, grads);
        float lr = (float) learningRate;
        for (int i = 0; i < params.length; i++) {
            params[i] -= lr * grads[i];
        }
    }

    @Override
    public void reset() {
    }

    @Override
    public String toString() {
        return "sgd()";
    }
}
