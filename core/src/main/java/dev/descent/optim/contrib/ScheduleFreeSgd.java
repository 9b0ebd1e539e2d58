package dev.descent.optim.contrib;

import dev.descent.optim.Checks;
import dev.descent.optim.Hyperparameter;
import dev.descent.optim.WeightDecay;

/**
 * Schedule-Free SGD: plain SGD steps on a sequence z, the parameters y an interpolation of z and its running
 * average x; no learning-rate schedule is needed, and the model to evaluate is x.
 *
 * <pre>
 * g = ∇f(y) + λ·y                     (coupled weight decay, the reference's)
 * z ← z − lr_t·g                      (decoupled instead: z ← z − lr_t·λ·(y, or z if decay_at_z) first)
 * x ← (1 − c_t)·x + c_t·z
 * y ← β·x + (1 − β)·z
 * </pre>
 *
 * with lr_t (warmup) and c_t (averaging weights) as in {@link ScheduleFree}. Defazio et al., "The Road Less
 * Scheduled", NeurIPS 2024 (Algorithm 1). Reproduces {@code SGDScheduleFreeReference} of
 * facebookresearch/schedule_free ({@code schedulefree/sgd_schedulefree_reference.py}), with its defaults; the
 * reference rejects momentum 0, which here makes y = z.
 *
 * <p>Which sequence is where: during training the parameters hold y (the gradients are taken there); after
 * {@code toEval(params)} they hold x, the point every evaluation must use, until {@code toTrain(params)}.
 *
 * <pre>{@code
 * Optimizer sf = Optimizers.parse("schedule_free_sgd(momentum=0.9, warmup_steps=100)");
 * sf.step(params, grads, 1.0);
 * sf.toEval(params);   evaluate(params);   sf.toTrain(params);
 * }</pre>
 */
public final class ScheduleFreeSgd extends ScheduleFree {

    /** Hyperparameters, validated; {@link #DEFAULTS} are the reference's. */
    public record Config(
            @Hyperparameter(value = "interpolation β of y between x and z", range = Checks.UNIT) double momentum,
            @Hyperparameter(value = "steps of linear warmup of lr (a whole number)", range = Checks.NON_NEGATIVE) double warmupSteps,
            @Hyperparameter(value = "polynomial weighting (k+1)^r of the average", range = Checks.NON_NEGATIVE) double r,
            @Hyperparameter(value = "weighting lr_max^p of the average", range = Checks.NON_NEGATIVE) double weightLrPower,
            @Hyperparameter("decoupled weight decay at z instead of y") boolean decayAtZ) {

        public static final Config DEFAULTS = new Config(0.9, 0, 0, 2, false);

        public Config {
            Checks.inUnitInterval("momentum", momentum);
            checkSteps("warmup_steps", warmupSteps);
            Checks.nonNegative("r", r);
            Checks.nonNegative("weight_lr_power", weightLrPower);
        }
    }

    public ScheduleFreeSgd(Config config) {
        this(config, WeightDecay.NONE);
    }

    public ScheduleFreeSgd(Config config, WeightDecay weightDecay) {
        super("schedule_free_sgd", config, weightDecay, 2, config.momentum(), config.warmupSteps(), config.r(),
                config.weightLrPower(), config.decayAtZ());
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] z = s[Z], x = s[X];
        float step = scheduled(lr), lrDecay = decay(lr);
        for (int i = from; i < to; i++) {
            float y = p[i];
            float g = grads[i] + l2 * y;
            float zi = decayed(z[i], y, lrDecay) - step * g;
            z[i] = zi;
            p[i] = average(x, zi, i);
        }
    }
}
