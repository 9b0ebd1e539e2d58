package dev.descent.optim;

/**
 * RAdam: Adam whose adaptive step is switched on, and rectified, once the variance of the adaptive
 * learning rate is tractable; before that, SGD with bias-corrected momentum.
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g;   v ← β2·v + (1 − β2)·g²;   m̂ = m/(1 − β1ᵗ)
 * ρ∞ = 2/(1 − β2) − 1;     ρ_t = ρ∞ − 2t·β2ᵗ/(1 − β2ᵗ)
 * ρ_t > 5:  r = √((ρ_t − 4)(ρ_t − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρ_t))
 *           θ ← θ − lr · m̂ · √(1 − β2ᵗ)/(√v + ε) · r
 * else:     θ ← θ − lr · m̂
 * </pre>
 *
 * <p>Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond", ICLR 2020 (Algorithm 2).
 * The threshold 5 (the paper's is 4) and the ε placement are PyTorch's.
 */
public final class RAdam extends AbstractOptimizer {

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "first-moment decay β1", range = Checks.UNIT) double beta1,
            @Hyperparameter(value = "second-moment decay β2", range = Checks.UNIT) double beta2,
            @Hyperparameter(value = "ε added to √v", range = Checks.POSITIVE) double epsilon) {

        public static final Config DEFAULTS = new Config(0.9, 0.999, 1e-8);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
            Checks.positive("epsilon", epsilon);
        }
    }

    private final Config config;
    private float c1, sqrtC2, rect;
    private boolean adaptive;

    public RAdam(Config config) {
        this(config, WeightDecay.NONE);
    }

    public RAdam(Config config, WeightDecay weightDecay) {
        super("radam", config, weightDecay, 2);
        this.config = config;
    }

    @Override
    protected void beginStep(long t) {
        double b2 = config.beta2();
        double c2 = BiasCorrection.of(b2, t);
        double rhoInf = 2 / (1 - b2) - 1;
        double rhoT = rhoInf - 2 * t * Math.pow(b2, t) / c2;
        c1 = (float) BiasCorrection.of(config.beta1(), t);
        sqrtC2 = (float) Math.sqrt(c2);
        adaptive = rhoT > 5;
        rect = adaptive ? (float) Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0f;
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] m = s[0], v = s[1];
        float b1 = (float) config.beta1(), b2 = (float) config.beta2(), eps = (float) config.epsilon();
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            float mi = b1 * m[i] + (1 - b1) * g;
            float vi = b2 * v[i] + (1 - b2) * g * g;
            m[i] = mi;
            v[i] = vi;
            float mHat = mi / c1;
            float d = adaptive ? mHat * lr * (sqrtC2 / ((float) Math.sqrt(vi) + eps)) * rect : mHat * lr;
            p[i] = p[i] * keep - d;
        }
    }
}
