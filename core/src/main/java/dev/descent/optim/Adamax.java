package dev.descent.optim;

/**
 * AdaMax: Adam with the infinity norm in place of the second moment.
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g
 * PYTORCH:            u ← max(β2·u, |g| + ε);  θ ← θ − lr/(1 − β1ᵗ) · m/u
 * TENSORFLOW, KERAS:  u ← max(β2·u, |g|);      θ ← θ − lr/(1 − β1ᵗ) · m/(u + ε)
 * </pre>
 *
 * <p>Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, section 7.1 (Algorithm 2,
 * which has no ε; the frameworks add it in the two places above).
 */
public final class Adamax extends AbstractOptimizer {

    /** Where ε enters, plus each framework's default ε. */
    public enum Convention implements Documented {
        @Description("u ← max(β2·u, |g| + ε), θ ← θ − lr/(1−β1ᵗ)·m/u; ε = 1e-8 (torch.optim.Adamax)") PYTORCH,
        @Description("u ← max(β2·u, |g|), θ ← θ − lr/(1−β1ᵗ)·m/(u + ε); ε = 1e-7 (TF ApplyAdaMax, TF-Java Adamax)") TENSORFLOW,
        @Description("as tensorflow; ε = 1e-7 (Keras Adamax)") KERAS
    }

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "first-moment decay β1", range = Checks.UNIT) double beta1,
            @Hyperparameter(value = "decay β2 of the infinity norm", range = Checks.UNIT) double beta2,
            @Hyperparameter(value = "ε, placement per convention", range = Checks.POSITIVE) double epsilon,
            @Hyperparameter("where ε enters") Convention convention) {

        public static final Config DEFAULTS = defaults(Convention.PYTORCH);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
            Checks.positive("epsilon", epsilon);
            Checks.notNull("convention", convention);
        }

        /** The defaults of {@code convention}'s framework. */
        public static Config defaults(Convention convention) {
            return switch (convention) {
                case PYTORCH -> new Config(0.9, 0.999, 1e-8, convention);
                case TENSORFLOW, KERAS -> new Config(0.9, 0.999, 1e-7, convention);
            };
        }
    }

    private final Config config;
    private float c1;

    public Adamax(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Adamax(Config config, WeightDecay weightDecay) {
        super("adamax", config, weightDecay, 2);
        this.config = config;
    }

    @Override
    protected void beginStep(long t) {
        c1 = (float) BiasCorrection.of(config.beta1(), t);
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] m = s[0], u = s[1];
        float b1 = (float) config.beta1(), b2 = (float) config.beta2(), eps = (float) config.epsilon();
        boolean torch = config.convention() == Convention.PYTORCH;
        float stepSize = lr / c1;
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            float mi = b1 * m[i] + (1 - b1) * g;
            m[i] = mi;
            float ui, denom;
            if (torch) {
                ui = Math.max(b2 * u[i], Math.abs(g) + eps);
                denom = ui;
            } else {
                ui = Math.max(b2 * u[i], Math.abs(g));
                denom = ui + eps;
            }
            u[i] = ui;
            p[i] = p[i] * keep - stepSize * (mi / denom);
        }
    }
}
