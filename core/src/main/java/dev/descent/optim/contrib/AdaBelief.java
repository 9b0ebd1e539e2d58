package dev.descent.optim.contrib;

import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.BiasCorrection;
import dev.descent.optim.Checks;
import dev.descent.optim.Hyperparameter;
import dev.descent.optim.WeightDecay;

/**
 * AdaBelief: Adam whose second moment tracks the squared deviation of the gradient from its running
 * mean (the "belief"), so steps are large where the gradient is predictable.
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g
 * s ← β2·s + (1 − β2)·(g − m)² + ε
 * θ ← θ − lr · (m / (1 − β1ᵗ)) / (√(s / (1 − β2ᵗ)) + ε)
 * </pre>
 *
 * <p>Zhuang et al., "AdaBelief Optimizer: Adapting Stepsizes by the Belief in Observed Gradients",
 * NeurIPS 2020 (Algorithm 2, with ε also added to s as there). Default ε = 1e-16 as in the authors'
 * release (adabelief-pytorch 0.2) and Optax.
 */
public final class AdaBelief extends AbstractOptimizer {

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "first-moment decay β1", range = Checks.UNIT) double beta1,
            @Hyperparameter(value = "belief decay β2", range = Checks.UNIT) double beta2,
            @Hyperparameter(value = "ε added to s and to √ŝ", range = Checks.POSITIVE) double epsilon) {

        public static final Config DEFAULTS = new Config(0.9, 0.999, 1e-16);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
            Checks.positive("epsilon", epsilon);
        }
    }

    private final Config config;
    private float c1, sqrtC2;

    public AdaBelief(Config config) {
        this(config, WeightDecay.NONE);
    }

    public AdaBelief(Config config, WeightDecay weightDecay) {
        super("adabelief", config, weightDecay, 2);
        this.config = config;
    }

    @Override
    protected void beginStep(long t) {
        c1 = (float) BiasCorrection.of(config.beta1(), t);
        sqrtC2 = (float) Math.sqrt(BiasCorrection.of(config.beta2(), t));
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] st, int from, int to, float lr, float l2, float keep) {
        float[] m = st[0], s = st[1];
        float b1 = (float) config.beta1(), b2 = (float) config.beta2(), eps = (float) config.epsilon();
        float stepSize = lr / c1;
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            float mi = b1 * m[i] + (1 - b1) * g;
            float dev = g - mi;
            float si = b2 * s[i] + (1 - b2) * dev * dev + eps;
            m[i] = mi;
            s[i] = si;
            p[i] = p[i] * keep - stepSize * (mi / ((float) Math.sqrt(si) / sqrtC2 + eps));
        }
    }
}
