package dev.descent.optim;

/**
 * LARS: SGD with momentum whose step for each tensor is scaled by a trust ratio η·‖θ‖/‖g + λθ‖, so every
 * layer moves by about lr·η times its own norm whatever the scale of its gradients.
 *
 * <pre>
 * u = g + λ·θ                                  (weight decay, coupled as in the paper)
 * r = η·‖θ‖ / (‖u‖ + ε)  over the tensor;  r = 1 if either norm is 0, or on a tensor without weight decay
 * b ← μ·b + lr·r·u                             (lr inside the buffer)
 * θ ← θ − b                                    nesterov: θ ← θ − (lr·r·u + μ·b)
 * </pre>
 *
 * <p>You, Gitman &amp; Ginsburg, "Large Batch Training of Convolutional Networks", 2017 (Algorithm 1). The
 * definition reproduced is Optax's {@code lars} ({@code optax/_src/alias.py}: {@code add_decayed_weights},
 * {@code masked(scale_by_trust_ratio)}, {@code scale_by_learning_rate}, {@code trace}), with its defaults;
 * Optax's masks are the groups' weight-decay flags here. Weight decay mode {@code decoupled} multiplies θ by
 * (1 − lr·λ) instead and leaves u = g.
 *
 * <p>A tensor is one range of the step's {@link ParamGroups}: bind {@link ParamGroups#byView} so that each
 * weight matrix and bias vector gets its own ratio; with {@link ParamGroups#ALL} the whole array is one
 * tensor. As in the paper's experiments, SimCLR's and timm's LARS, a group without weight decay (biases,
 * normalization) gets no trust ratio; {@code always_adapt=true} gives it one anyway (Optax's default masks).
 * The norms are summed on the calling thread, in one order, so the bits do not depend on the thread count.
 *
 * <pre>{@code
 * Optimizer lars = ParamGroups.byView(params, Map.of(ParamView.Kind.BIAS, new ParamGroups.Options(1, false)))
 *         .bind(Optimizers.parse("lars(weight_decay=5e-4)"));
 * }</pre>
 */
public final class Lars extends AbstractOptimizer {

    /** Hyperparameters, validated; {@link #DEFAULTS} are Optax's. */
    public record Config(
            @Hyperparameter(value = "momentum μ", range = Checks.UNIT) double momentum,
            @Hyperparameter("Nesterov's look-ahead") boolean nesterov,
            @Hyperparameter(value = "trust coefficient η", range = Checks.POSITIVE) double trustCoefficient,
            @Hyperparameter(value = "ε added to ‖u‖", range = Checks.NON_NEGATIVE) double epsilon,
            @Hyperparameter("trust ratio also on groups without weight decay (biases)") boolean alwaysAdapt) {

        public static final Config DEFAULTS = new Config(0.9, false, 0.001, 0.0, false);

        public Config {
            Checks.inUnitInterval("momentum", momentum);
            Checks.positive("trust_coefficient", trustCoefficient);
            Checks.nonNegative("epsilon", epsilon);
        }
    }

    private final Config config;
    private float ratio;   // of the range in progress, set by beginRange

    public Lars(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Lars(Config config, WeightDecay weightDecay) {
        super("lars", config, weightDecay, 1);
        this.config = config;
    }

    /** The trust ratio of the tensor. */
    @Override
    protected void beginRange(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep, boolean decayed) {
        double w = 0, uu = 0;
        for (int i = from; i < to; i++) {
            float u = grads[i] + l2 * p[i];
            w += (double) p[i] * p[i];
            uu += (double) u * u;
        }
        boolean adapt = (decayed || config.alwaysAdapt()) && w > 0 && uu > 0;
        ratio = adapt ? (float) (config.trustCoefficient() * Math.sqrt(w) / (Math.sqrt(uu) + config.epsilon())) : 1f;
    }

    /** One trust ratio per range: bind {@link ParamGroups#byView} for one per tensor. */
    @Override
    public boolean layerwise() {
        return true;
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] b = s[0];
        float mu = (float) config.momentum();
        boolean nesterov = config.nesterov();
        for (int i = from; i < to; i++) {
            float step = (grads[i] + l2 * p[i]) * ratio * lr;
            float bi = step + mu * b[i];
            b[i] = bi;
            p[i] = p[i] * keep - (nesterov ? step + mu * bi : bi);
        }
    }
}
