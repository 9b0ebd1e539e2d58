package dev.descent.optim;

/**
 * AdaGrad: per-coordinate step sizes from the sum of squared gradients.
 *
 * <pre>
 * acc ← acc + g²                     (acc starts at initial_accumulator)
 * θ   ← θ − lr · g / (√acc + ε)
 * </pre>
 *
 * <p>Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 12, 2011. The frameworks differ only in defaults, which the conventions load:
 * PyTorch acc₀ = 0, ε = 1e-10; TF1 acc₀ = 0.1 and no ε ({@code lr·g/√acc}, here ε = 0); Keras
 * acc₀ = 0.1, ε = 1e-7. TF-Java uses acc₀ = 0.01: give {@code initial_accumulator=0.01}.
 *
 * <pre>{@code
 * Optimizer a = Optimizers.parse("adagrad(convention=tensorflow)");
 * }</pre>
 */
public final class AdaGrad extends AbstractOptimizer {

    /** Framework presets (the update rule is the same). */
    public enum Convention implements Documented {
        @Description("acc₀ = 0, ε = 1e-10 (torch.optim.Adagrad)") PYTORCH,
        @Description("acc₀ = 0.1, no ε: lr·g/√acc (TF1 AdagradOptimizer)") TENSORFLOW,
        @Description("acc₀ = 0.1, ε = 1e-7 (Keras Adagrad)") KERAS
    }

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "initial value of the accumulator acc₀", range = Checks.NON_NEGATIVE) double initialAccumulator,
            @Hyperparameter(value = "ε added to √acc; 0 only with acc₀ > 0", range = Checks.NON_NEGATIVE) double epsilon,
            @Hyperparameter("framework whose defaults are loaded") Convention convention) {

        public static final Config DEFAULTS = defaults(Convention.PYTORCH);

        public Config {
            Checks.nonNegative("initial_accumulator", initialAccumulator);
            Checks.nonNegative("epsilon", epsilon);
            Checks.notNull("convention", convention);
            if (epsilon == 0 && initialAccumulator == 0) {
                throw new IllegalArgumentException("epsilon = 0 needs initial_accumulator > 0 (a zero gradient would give 0/0), got initial_accumulator = 0");
            }
        }

        /** The defaults of {@code convention}'s framework. */
        public static Config defaults(Convention convention) {
            return switch (convention) {
                case PYTORCH -> new Config(0, 1e-10, convention);
                case TENSORFLOW -> new Config(0.1, 0, convention);
                case KERAS -> new Config(0.1, 1e-7, convention);
            };
        }
    }

    private final Config config;

    public AdaGrad(Config config) {
        this(config, WeightDecay.NONE);
    }

    public AdaGrad(Config config, WeightDecay weightDecay) {
        super("adagrad", config, weightDecay, 1);
        this.config = config;
    }

    @Override
    protected void initialize(float[][] s) {
        java.util.Arrays.fill(s[0], (float) config.initialAccumulator());
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] acc = s[0];
        float eps = (float) config.epsilon();
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            float a = acc[i] + g * g;
            acc[i] = a;
            p[i] = p[i] * keep - lr * (g / ((float) Math.sqrt(a) + eps));
        }
    }
}
