package dev.descent.optim.contrib;

import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.Checks;
import dev.descent.optim.Hyperparameter;
import dev.descent.optim.WeightDecay;

/**
 * Lion (EvoLved Sign Momentum): the update is the sign of an interpolation of momentum and gradient,
 * so every coordinate moves by exactly lr.
 *
 * <pre>
 * c = β1·m + (1 − β1)·g
 * θ ← θ − lr·(sign(c) + λ·θ)          (λ: decoupled weight decay, θ·(1 − lr·λ))
 * m ← β2·m + (1 − β2)·g
 * </pre>
 *
 * <p>Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS 2023 (Algorithm 2). The
 * paper suggests a learning rate 3–10× smaller than AdamW's and a λ 3–10× larger.
 */
public final class Lion extends AbstractOptimizer {

    /** Hyperparameters, validated; defaults are the paper's. */
    public record Config(
            @Hyperparameter(value = "interpolation β1 for the update direction", range = Checks.UNIT) double beta1,
            @Hyperparameter(value = "momentum decay β2", range = Checks.UNIT) double beta2) {

        public static final Config DEFAULTS = new Config(0.9, 0.99);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
        }
    }

    private final Config config;

    public Lion(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Lion(Config config, WeightDecay weightDecay) {
        super("lion", config, weightDecay, 1);
        this.config = config;
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] m = s[0];
        float b1 = (float) config.beta1(), b2 = (float) config.beta2();
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            float c = b1 * m[i] + (1 - b1) * g;
            p[i] = p[i] * keep - lr * Math.signum(c);
            m[i] = b2 * m[i] + (1 - b2) * g;
        }
    }
}
