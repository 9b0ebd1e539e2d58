package dev.descent.optim.contrib;

import dev.descent.optim.Checks;
import dev.descent.optim.Hyperparameter;
import dev.descent.optim.WeightDecay;

/**
 * Schedule-Free AdamW: Adam-preconditioned steps (second moment only, bias-corrected) on a sequence z, the
 * parameters y an interpolation of z and its running average x; no learning-rate schedule is needed, and the
 * model to evaluate is x.
 *
 * <pre>
 * z ← z − lr_t·λ·y                    (decoupled weight decay at y; at z if decay_at_z; coupled: g ← g + λ·y)
 * v ← β2·v + (1 − β2)·g²
 * n = g, or with inner momentum μ:  m ← μ·m + (1 − μ)·g,  n = m / (1 − μᵗ)
 * z ← z − lr_t · n / (√(v / (1 − β2ᵗ)) + ε)
 * x ← (1 − c_t)·x + c_t·z
 * y ← β1·x + (1 − β1)·z
 * </pre>
 *
 * with lr_t (warmup) and c_t (averaging weights) as in {@link ScheduleFree}. Defazio et al., "The Road Less
 * Scheduled", NeurIPS 2024 (Algorithm 1 with Adam's preconditioner). Reproduces
 * {@code AdamWScheduleFreeReference} of facebookresearch/schedule_free
 * ({@code schedulefree/adamw_schedulefree_reference.py}), with its defaults.
 *
 * <p>Which sequence is where: during training the parameters hold y (the gradients are taken there); after
 * {@code toEval(params)} they hold x, the point every evaluation must use, until {@code toTrain(params)}.
 *
 * <pre>{@code
 * Optimizer sf = Optimizers.parse("schedule_free_adamw(weight_decay=0.01, warmup_steps=100)");
 * sf.step(params, grads, 0.0025);
 * sf.toEval(params);   evaluate(params);   sf.toTrain(params);
 * }</pre>
 */
public final class ScheduleFreeAdamW extends ScheduleFree {

    /** Hyperparameters, validated; {@link #DEFAULTS} are the reference's. */
    public record Config(
            @Hyperparameter(value = "interpolation β1 of y between x and z", range = Checks.UNIT) double beta1,
            @Hyperparameter(value = "second-moment decay β2", range = Checks.UNIT) double beta2,
            @Hyperparameter(value = "ε added to √v̂", range = Checks.POSITIVE) double epsilon,
            @Hyperparameter(value = "steps of linear warmup of lr (a whole number)", range = Checks.NON_NEGATIVE) double warmupSteps,
            @Hyperparameter(value = "polynomial weighting (k+1)^r of the average", range = Checks.NON_NEGATIVE) double r,
            @Hyperparameter(value = "weighting lr_max^p of the average", range = Checks.NON_NEGATIVE) double weightLrPower,
            @Hyperparameter("decoupled weight decay at z instead of y") boolean decayAtZ,
            @Hyperparameter(value = "momentum μ of the gradient inside z's step (0: none)", range = Checks.UNIT) double innerMomentum) {

        public static final Config DEFAULTS = new Config(0.9, 0.999, 1e-8, 0, 0, 2, false, 0);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
            Checks.positive("epsilon", epsilon);
            checkSteps("warmup_steps", warmupSteps);
            Checks.nonNegative("r", r);
            Checks.nonNegative("weight_lr_power", weightLrPower);
            Checks.inUnitInterval("inner_momentum", innerMomentum);
        }
    }

    private static final int V = 2, M = 3;

    private final Config config;
    private float c2, c1;

    public ScheduleFreeAdamW(Config config) {
        this(config, WeightDecay.NONE);
    }

    public ScheduleFreeAdamW(Config config, WeightDecay weightDecay) {
        super("schedule_free_adamw", config, weightDecay, config.innerMomentum() != 0 ? 4 : 3, config.beta1(),
                config.warmupSteps(), config.r(), config.weightLrPower(), config.decayAtZ());
        this.config = config;
    }

    @Override
    protected void beginStep(long t) {
        super.beginStep(t);
        c2 = (float) (1 - Math.pow(config.beta2(), t));
        c1 = (float) (1 - Math.pow(config.innerMomentum(), t));
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] z = s[Z], x = s[X], v = s[V], m = config.innerMomentum() != 0 ? s[M] : null;
        float step = scheduled(lr), lrDecay = decay(lr);
        float b2 = (float) config.beta2(), eps = (float) config.epsilon(), mu = (float) config.innerMomentum();
        for (int i = from; i < to; i++) {
            float y = p[i];
            float g = grads[i] + l2 * y;
            float zi = decayed(z[i], y, lrDecay);
            float vi = b2 * v[i] + (1 - b2) * g * g;
            v[i] = vi;
            float n = g;
            if (m != null) {
                m[i] = mu * m[i] + (1 - mu) * g;
                n = m[i] / c1;
            }
            zi = zi - step * n / ((float) Math.sqrt(vi / c2) + eps);
            z[i] = zi;
            p[i] = average(x, zi, i);
        }
    }
}
