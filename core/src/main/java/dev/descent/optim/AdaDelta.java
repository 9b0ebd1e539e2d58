package dev.descent.optim;

/**
 * AdaDelta: step sizes from the ratio of running RMS of updates to running RMS of gradients.
 *
 * <pre>
 * a ← ρ·a + (1 − ρ)·g²
 * Δ = √(d + ε) / √(a + ε) · g
 * d ← ρ·d + (1 − ρ)·Δ²
 * θ ← θ − lr·Δ
 * </pre>
 *
 * <p>Zeiler, "ADADELTA: An Adaptive Learning Rate Method", arXiv:1212.5701, 2012 (Algorithm 1, which
 * has lr = 1; the frameworks multiply by lr). The conventions only load defaults: PyTorch ρ = 0.9,
 * ε = 1e-6; TF1/TF-Java ρ = 0.95, ε = 1e-8; Keras ρ = 0.95, ε = 1e-7.
 */
public final class AdaDelta extends AbstractOptimizer {

    /** Framework presets (the update rule is the same). */
    public enum Convention implements Documented {
        @Description("ρ = 0.9, ε = 1e-6 (torch.optim.Adadelta)") PYTORCH,
        @Description("ρ = 0.95, ε = 1e-8 (TF1, TF-Java AdaDelta)") TENSORFLOW,
        @Description("ρ = 0.95, ε = 1e-7 (Keras Adadelta)") KERAS
    }

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "decay ρ of both running averages", range = Checks.UNIT) double rho,
            @Hyperparameter(value = "ε inside both square roots", range = Checks.POSITIVE) double epsilon,
            @Hyperparameter("framework whose defaults are loaded") Convention convention) {

        public static final Config DEFAULTS = defaults(Convention.PYTORCH);

        public Config {
            Checks.inUnitInterval("rho", rho);
            Checks.positive("epsilon", epsilon);
            Checks.notNull("convention", convention);
        }

        /** The defaults of {@code convention}'s framework. */
        public static Config defaults(Convention convention) {
            return switch (convention) {
                case PYTORCH -> new Config(0.9, 1e-6, convention);
                case TENSORFLOW -> new Config(0.95, 1e-8, convention);
                case KERAS -> new Config(0.95, 1e-7, convention);
            };
        }
    }

    private final Config config;

    public AdaDelta(Config config) {
        this(config, WeightDecay.NONE);
    }

    public AdaDelta(Config config, WeightDecay weightDecay) {
        super("adadelta", config, weightDecay, 2);
        this.config = config;
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] a = s[0], d = s[1];
        float rho = (float) config.rho(), eps = (float) config.epsilon();
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            float ai = rho * a[i] + (1 - rho) * g * g;
            a[i] = ai;
            float delta = (float) Math.sqrt(d[i] + eps) / (float) Math.sqrt(ai + eps) * g;
            d[i] = rho * d[i] + (1 - rho) * delta * delta;
            p[i] = p[i] * keep - lr * delta;
        }
    }
}
