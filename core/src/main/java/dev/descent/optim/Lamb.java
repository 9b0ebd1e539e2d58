package dev.descent.optim;

/**
 * LAMB: Adam's update, plus weight decay, rescaled per tensor by a trust ratio ‖θ‖/‖u‖, so every layer
 * moves by about lr times its own norm whatever the scale of its gradients.
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g                     (coupled decay: g ← g + λ·θ first)
 * v ← β2·v + (1 − β2)·g²
 * u = (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε) + λ·θ      (decoupled decay, the default: λ·θ joins the update)
 * r = ‖θ‖ / ‖u‖  over the tensor;  r = 1 if either norm is 0, or on a tensor without weight decay (biases)
 * θ ← θ − lr·r·u
 * </pre>
 *
 * <p>You et al., "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes", ICLR 2020
 * (Algorithm 2, with φ the identity). The definition reproduced is Optax's {@code lamb}
 * ({@code optax/_src/alias.py}: {@code scale_by_adam}, {@code add_decayed_weights}, {@code scale_by_trust_ratio},
 * {@code scale_by_learning_rate}), so ε is added outside the root and the defaults are Optax's. Weight decay
 * mode {@code decoupled} means LAMB's λ·θ inside u (before the trust ratio), not θ·(1 − lr·λ).
 *
 * <p>A tensor is one range of the step's {@link ParamGroups}: bind {@link ParamGroups#byView} so that each
 * weight matrix and bias vector gets its own ratio; with {@link ParamGroups#ALL} the whole array is one
 * tensor. As TF Model Garden's LAMB and timm's ({@code exclude_from_layer_adaptation} defaults to the weight
 * decay exclusions), a group without weight decay (biases) gets no trust ratio; {@code always_adapt=true}
 * gives it one anyway, which is Optax's {@code lamb(mask=...)}. The norms are summed on the calling thread,
 * in one order, so the bits do not depend on the thread count.
 *
 * <pre>{@code
 * Optimizer lamb = ParamGroups.byView(params, Map.of(ParamView.Kind.BIAS, new ParamGroups.Options(1, false)))
 *         .bind(Optimizers.parse("lamb(weight_decay=0.01)"));
 * lamb.step(params.data(), params.grad(), 1e-3);
 * }</pre>
 */
public final class Lamb extends AbstractOptimizer {

    /** Hyperparameters, validated; {@link #DEFAULTS} are Optax's. */
    public record Config(
            @Hyperparameter(value = "first-moment decay β1", range = Checks.UNIT) double beta1,
            @Hyperparameter(value = "second-moment decay β2", range = Checks.UNIT) double beta2,
            @Hyperparameter(value = "ε added to √v̂", range = Checks.POSITIVE) double epsilon,
            @Hyperparameter("trust ratio also on groups without weight decay (biases)") boolean alwaysAdapt) {

        public static final Config DEFAULTS = new Config(0.9, 0.999, 1e-6, false);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
            Checks.positive("epsilon", epsilon);
        }
    }

    private final Config config;
    private float c1, c2;
    private float ratio, lambda;   // of the range in progress, set by beginRange

    public Lamb(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Lamb(Config config, WeightDecay weightDecay) {
        super("lamb", config, weightDecay, 2);
        this.config = config;
    }

    @Override
    protected void beginStep(long t) {
        c1 = (float) BiasCorrection.of(config.beta1(), t);
        c2 = (float) BiasCorrection.of(config.beta2(), t);
    }

    /** Updates the moments of the tensor and its trust ratio ‖θ‖/‖u‖. */
    @Override
    protected void beginRange(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep, boolean decayed) {
        float[] m = s[0], v = s[1];
        float b1 = (float) config.beta1(), b2 = (float) config.beta2();
        lambda = decayed && weightDecay().mode() == WeightDecay.Mode.DECOUPLED ? (float) weightDecay().coefficient() : 0f;
        double w = 0, uu = 0;
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            float u = direction(m[i], v[i], p[i]);
            w += (double) p[i] * p[i];
            uu += (double) u * u;
        }
        ratio = (decayed || config.alwaysAdapt()) && w > 0 && uu > 0 ? (float) (Math.sqrt(w) / Math.sqrt(uu)) : 1f;
    }

    /** u = m̂/(√v̂ + ε) + λ·θ. */
    private float direction(float m, float v, float p) {
        return (m / c1) / ((float) Math.sqrt(v / c2) + (float) config.epsilon()) + lambda * p;
    }

    /** One trust ratio per range: bind {@link ParamGroups#byView} for one per tensor. */
    @Override
    public boolean layerwise() {
        return true;
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] m = s[0], v = s[1];
        for (int i = from; i < to; i++) {
            p[i] = p[i] - direction(m[i], v[i], p[i]) * ratio * lr;
        }
    }
}
