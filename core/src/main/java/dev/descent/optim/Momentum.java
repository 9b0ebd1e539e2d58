package dev.descent.optim;

/**
 * SGD with heavy-ball momentum (Polyak, "Some methods of speeding up the convergence of iteration
 * methods", 1964), optionally Nesterov's accelerated gradient in the form of Sutskever, Martens, Dahl
 * &amp; Hinton, "On the importance of initialization and momentum in deep learning", ICML 2013.
 *
 * <p>Two conventions, equal while the learning rate is constant, different once it changes:
 * <pre>
 * lr outside the buffer (PYTORCH, TENSORFLOW = TF1/TF-Java ApplyMomentum, Optax):
 *     b ← μ·b + g
 *     θ ← θ − lr·b                 nesterov: θ ← θ − lr·(g + μ·b)
 * lr inside the velocity (KERAS, Sutskever et al.):
 *     v ← μ·v − lr·g
 *     θ ← θ + v                    nesterov: θ ← θ + μ·v − lr·g
 * </pre>
 *
 * <pre>{@code
 * Optimizer m = new Momentum(Momentum.Config.DEFAULTS);          // μ = 0.9, PyTorch convention
 * Optimizer k = Optimizers.parse("nesterov(momentum=0.95, convention=keras)");
 * }</pre>
 */
public final class Momentum extends AbstractOptimizer {

    /** Where the learning rate enters. */
    public enum Convention implements Documented {
        @Description("lr outside the buffer: b ← μb + g; θ ← θ − lr·b (PyTorch SGD, Optax)") PYTORCH,
        @Description("lr outside the buffer, as pytorch (TF1 and TF-Java ApplyMomentum)") TENSORFLOW,
        @Description("lr inside the velocity: v ← μv − lr·g; θ ← θ + v (Keras SGD, Sutskever et al. 2013)") KERAS
    }

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "momentum μ", range = Checks.UNIT) double momentum,
            @Hyperparameter("Nesterov's look-ahead") boolean nesterov,
            @Hyperparameter("where lr enters the velocity") Convention convention) {

        public static final Config DEFAULTS = new Config(0.9, false, Convention.PYTORCH);

        public Config {
            Checks.inUnitInterval("momentum", momentum);
            Checks.notNull("convention", convention);
        }
    }

    private final Config config;

    public Momentum(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Momentum(Config config, WeightDecay weightDecay) {
        super("momentum", config, weightDecay, 1);
        this.config = config;
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] b = s[0];
        float mu = (float) config.momentum();
        boolean nesterov = config.nesterov();
        if (config.convention() == Convention.KERAS) {
            for (int i = from; i < to; i++) {
                float g = grads[i] + l2 * p[i];
                float v = mu * b[i] - lr * g;
                b[i] = v;
                p[i] = p[i] * keep + (nesterov ? mu * v - lr * g : v);
            }
        } else {
            for (int i = from; i < to; i++) {
                float g = grads[i] + l2 * p[i];
                float v = mu * b[i] + g;
                b[i] = v;
                p[i] = p[i] * keep - lr * (nesterov ? g + mu * v : v);
            }
        }
    }
}
