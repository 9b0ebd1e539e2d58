package dev.descent.optim;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015), Algorithm 1:
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)
 * θ ← θ − lr · m̂ / (√v̂ + ε)
 * </pre>
 *
 * Defaults β1 = 0.9, β2 = 0.999, ε = 1e-8 (the paper's).
 */
public final class Adam implements Optimizer {

    /** Hyperparameters, validated; {@link #DEFAULTS} are the paper's. */
    public record Config(double beta1, double beta2, double epsilon) {
        public static final Config DEFAULTS = new Config(0.9, 0.999, 1e-8);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
            Checks.positive("epsilon", epsilon);
        }
    }

    private final Config config;
    private float[] m;
    private float[] v;
    private long t;

    public Adam(Config config) {
        this.config = config;
    }

    @Override
    public void step(float[] params, float[] grads, double learningRate) {
        Checks.sameLength(params, grads);
        if (m == null || m.length != params.length) {
            m = new float[params.length];
            v = new float[params.length];
            t = 0;
        }
        t++;
        float b1 = (float) config.beta1(), b2 = (float) config.beta2(), eps = (float) config.epsilon();
        float c1 = (float) (1 - Math.pow(config.beta1(), t));
        float c2 = (float) (1 - Math.pow(config.beta2(), t));
        float lr = (float) learningRate;
        for (int i = 0; i < params.length; i++) {
            float g = grads[i];
            float mi = b1 * m[i] + (1 - b1) * g;
            float vi = b2 * v[i] + (1 - b2) * g * g;
            m[i] = mi;
            v[i] = vi;
            params[i] -= lr * (mi / c1) / ((float) Math.sqrt(vi / c2) + eps);
        }
    }

    @Override
    public void reset() {
        m = null;
        v = null;
        t = 0;
    }

    @Override
    public String toString() {
        return "adam(beta1=" + config.beta1() + ", beta2=" + config.beta2() + ", eps=" + config.epsilon() + ")";
    }
}
