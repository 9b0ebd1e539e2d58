package dev.descent.optim;

/**
 * Plain (stochastic) gradient descent.
 *
 * <pre>
 * θ ← θ − lr · g
 * </pre>
 *
 * <p>Robbins &amp; Monro, "A Stochastic Approximation Method", Annals of Mathematical Statistics, 1951.
 * Stateless; the learning rate of each step comes from the schedule.
 *
 * <pre>{@code
 * Optimizer sgd = new Sgd();                          // or Optimizers.parse("sgd")
 * Optimizer l2 = new Sgd(WeightDecay.coupled(1e-4));  // or Optimizers.parse("sgd(weight_decay=1e-4)")
 * }</pre>
 */
public final class Sgd extends AbstractOptimizer {

    /** SGD has no hyperparameters of its own; the record exists so the registry treats it like the others. */
    public record Config() {
        public static final Config DEFAULTS = new Config();
    }

    public Sgd() {
        this(WeightDecay.NONE);
    }

    public Sgd(WeightDecay weightDecay) {
        super("sgd", Config.DEFAULTS, weightDecay, 0);
    }

    /** Registry form. */
    public Sgd(Config config, WeightDecay weightDecay) {
        this(weightDecay);
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            p[i] = p[i] * keep - lr * g;
        }
    }
}
