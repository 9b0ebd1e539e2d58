package dev.descent.optim;

/**
 * Adam, optionally with AMSGrad's running maximum; AdamW is Adam with decoupled {@link WeightDecay}.
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * amsgrad: v̄ ← max(v̄, v), used in place of v below
 * PYTORCH (paper, Optax):       θ ← θ − lr · (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)
 * TENSORFLOW, KERAS (ε̂):        lr_t = lr · √(1 − β2ᵗ) / (1 − β1ᵗ);  θ ← θ − lr_t · m / (√v + ε)
 * </pre>
 *
 * <p>Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015 (Algorithm 1, and the
 * ε̂ form at the end of its section 2); AMSGrad from Reddi, Kale &amp; Kumar, "On the Convergence of Adam
 * and Beyond", ICLR 2018; AdamW from Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization",
 * ICLR 2019. The two ε placements agree for ε → 0 and differ most where √v̂ is near ε.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(Adam.Config.DEFAULTS);                         // β1 0.9, β2 0.999, ε 1e-8
 * Optimizer tf = Optimizers.parse("adam(convention=tensorflow)");
 * Optimizer adamw = new Adam(Adam.Config.DEFAULTS, WeightDecay.decoupled(0.01));
 * }</pre>
 */
public final class Adam extends AbstractOptimizer {

    /** Where ε enters, plus each framework's default ε. */
    public enum Convention implements Documented {
        @Description("ε added to √v̂ after bias correction; ε = 1e-8 (paper, torch.optim.Adam, Optax)") PYTORCH,
        @Description("ε̂: lr_t = lr·√(1−β2ᵗ)/(1−β1ᵗ), θ ← θ − lr_t·m/(√v + ε); ε = 1e-8 (TF1, TF-Java)") TENSORFLOW,
        @Description("ε̂ as tensorflow; ε = 1e-7 (Keras Adam)") KERAS
    }

    /** Hyperparameters, validated; {@link #DEFAULTS} are the paper's. */
    public record Config(
            @Hyperparameter(value = "first-moment decay β1", range = Checks.UNIT) double beta1,
            @Hyperparameter(value = "second-moment decay β2", range = Checks.UNIT) double beta2,
            @Hyperparameter(value = "ε in the denominator", range = Checks.POSITIVE) double epsilon,
            @Hyperparameter("AMSGrad: divide by the running maximum of v") boolean amsgrad,
            @Hyperparameter("where ε enters") Convention convention) {

        public static final Config DEFAULTS = defaults(Convention.PYTORCH);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
            Checks.positive("epsilon", epsilon);
            Checks.notNull("convention", convention);
        }

        /** Paper convention, no AMSGrad. */
        public Config(double beta1, double beta2, double epsilon) {
            this(beta1, beta2, epsilon, false, Convention.PYTORCH);
        }

        /** The defaults of {@code convention}'s framework. */
        public static Config defaults(Convention convention) {
            return switch (convention) {
                case PYTORCH, TENSORFLOW -> new Config(0.9, 0.999, 1e-8, false, convention);
                case KERAS -> new Config(0.9, 0.999, 1e-7, false, convention);
            };
        }
    }

    private final Config config;
    private float c1, sqrtC2;

    public Adam(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Adam(Config config, WeightDecay weightDecay) {
        super("adam", config, weightDecay, config.amsgrad() ? 3 : 2);
        this.config = config;
    }

    @Override
    protected void beginStep(long t) {
        c1 = (float) BiasCorrection.of(config.beta1(), t);
        sqrtC2 = (float) Math.sqrt(BiasCorrection.of(config.beta2(), t));
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] m = s[0], v = s[1], vmax = config.amsgrad() ? s[2] : null;
        float b1 = (float) config.beta1(), b2 = (float) config.beta2(), eps = (float) config.epsilon();
        boolean epsilonHat = config.convention() != Convention.PYTORCH;
        float stepSize = epsilonHat ? lr * sqrtC2 / c1 : lr / c1;
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            float mi = b1 * m[i] + (1 - b1) * g;
            float vi = b2 * v[i] + (1 - b2) * g * g;
            m[i] = mi;
            v[i] = vi;
            if (vmax != null) {
                vi = Math.max(vmax[i], vi);
                vmax[i] = vi;
            }
            float denom = epsilonHat ? (float) Math.sqrt(vi) + eps : (float) Math.sqrt(vi) / sqrtC2 + eps;
            p[i] = p[i] * keep - stepSize * (mi / denom);
        }
    }
}
