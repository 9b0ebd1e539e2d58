package dev.descent.optim;

import java.util.Arrays;

/**
 * RMSProp: divides the gradient by a running root mean square; optionally centered (divides by an
 * estimate of the standard deviation instead) and with momentum.
 *
 * <pre>
 * v ← ρ·v + (1 − ρ)·g²                         (v starts at initial_mean_square)
 * centered: ḡ ← ρ·ḡ + (1 − ρ)·g;  w = v − ḡ²   else w = v
 *
 * PYTORCH (ε outside the sqrt, lr outside the momentum buffer):
 *     d = g / (√w + ε)
 *     μ = 0: θ ← θ − lr·d          μ > 0: b ← μ·b + d;  θ ← θ − lr·b
 * TENSORFLOW, KERAS (ε inside the sqrt, lr inside the momentum buffer):
 *     d = lr·g / √(w + ε)
 *     μ = 0: θ ← θ − d             μ > 0: b ← μ·b + d;  θ ← θ − b
 * </pre>
 *
 * <p>Tieleman &amp; Hinton, "Lecture 6.5 — RMSProp", COURSERA: Neural Networks for Machine Learning, 2012;
 * centered form from Graves, "Generating Sequences With Recurrent Neural Networks", arXiv:1308.0850, 2013.
 * Defaults per convention: PyTorch ρ = 0.99, ε = 1e-8, v₀ = 0; TF1/TF-Java ρ = 0.9, ε = 1e-10, v₀ = 1;
 * Keras ρ = 0.9, ε = 1e-7, v₀ = 0.
 *
 * <pre>{@code
 * Optimizer r = Optimizers.parse("rmsprop(convention=tensorflow, momentum=0.9, centered=true)");
 * }</pre>
 */
public final class RmsProp extends AbstractOptimizer {

    /** Where ε and lr enter, plus each framework's defaults. */
    public enum Convention implements Documented {
        @Description("ε outside the sqrt, lr outside the momentum buffer; ρ = 0.99, ε = 1e-8, v₀ = 0 (torch.optim.RMSprop)") PYTORCH,
        @Description("ε inside the sqrt, lr inside the momentum buffer; ρ = 0.9, ε = 1e-10, v₀ = 1 (TF1, TF-Java RMSProp)") TENSORFLOW,
        @Description("ε inside the sqrt, lr inside the momentum buffer; ρ = 0.9, ε = 1e-7, v₀ = 0 (Keras RMSprop)") KERAS;

        boolean epsilonInside() {
            return this != PYTORCH;
        }
    }

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "decay ρ of the mean square", range = Checks.UNIT) double rho,
            @Hyperparameter(value = "ε, inside or outside the sqrt per convention", range = Checks.POSITIVE) double epsilon,
            @Hyperparameter(value = "momentum μ (0: none)", range = Checks.UNIT) double momentum,
            @Hyperparameter("divide by the centered second moment v − ḡ²") boolean centered,
            @Hyperparameter(value = "initial mean square v₀", range = Checks.NON_NEGATIVE) double initialMeanSquare,
            @Hyperparameter("framework reproduced") Convention convention) {

        public static final Config DEFAULTS = defaults(Convention.PYTORCH);

        public Config {
            Checks.inUnitInterval("rho", rho);
            Checks.positive("epsilon", epsilon);
            Checks.inUnitInterval("momentum", momentum);
            Checks.nonNegative("initial_mean_square", initialMeanSquare);
            Checks.notNull("convention", convention);
        }

        /** The defaults of {@code convention}'s framework (no momentum, not centered). */
        public static Config defaults(Convention convention) {
            return switch (convention) {
                case PYTORCH -> new Config(0.99, 1e-8, 0, false, 0, convention);
                case TENSORFLOW -> new Config(0.9, 1e-10, 0, false, 1, convention);
                case KERAS -> new Config(0.9, 1e-7, 0, false, 0, convention);
            };
        }
    }

    private final Config config;

    public RmsProp(Config config) {
        this(config, WeightDecay.NONE);
    }

    public RmsProp(Config config, WeightDecay weightDecay) {
        // buffers: v, then ḡ if centered, then b if momentum
        super("rmsprop", config, weightDecay, 1 + (config.centered() ? 1 : 0) + (config.momentum() > 0 ? 1 : 0));
        this.config = config;
    }

    @Override
    protected void initialize(float[][] s) {
        Arrays.fill(s[0], (float) config.initialMeanSquare());
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] v = s[0];
        float[] gbar = config.centered() ? s[1] : null;
        float[] b = config.momentum() > 0 ? s[s.length - 1] : null;
        float rho = (float) config.rho(), eps = (float) config.epsilon(), mu = (float) config.momentum();
        boolean centered = config.centered(), momentum = config.momentum() > 0;
        boolean inside = config.convention().epsilonInside();
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            float vi = rho * v[i] + (1 - rho) * g * g;
            v[i] = vi;
            float w = vi;
            if (centered) {
                float gb = rho * gbar[i] + (1 - rho) * g;
                gbar[i] = gb;
                w = vi - gb * gb;
            }
            if (inside) {
                float d = lr * g / (float) Math.sqrt(w + eps);
                if (momentum) {
                    d = mu * b[i] + d;
                    b[i] = d;
                }
                p[i] = p[i] * keep - d;
            } else {
                float d = g / ((float) Math.sqrt(w) + eps);
                if (momentum) {
                    d = mu * b[i] + d;
                    b[i] = d;
                }
                p[i] = p[i] * keep - lr * d;
            }
        }
    }
}
