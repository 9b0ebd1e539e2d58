package dev.descent.optim.contrib;

import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.Checks;
import dev.descent.optim.Hyperparameter;
import dev.descent.optim.ParamGroups;
import dev.descent.optim.WeightDecay;

/**
 * Prodigy: Adam whose step size d is estimated on the fly from how far the parameters have moved from
 * where they started, so the learning rate can stay at 1.
 *
 * <pre>
 * dlr = d·lr·bc,   bc = √(1 − β2ᵏ⁺¹)/(1 − β1ᵏ⁺¹) with use_bias_correction, else 1     (d, k of before the step)
 * r ← β3·r + (d/d0)·dlr·⟨g, θ0 − θ⟩               (sum over all parameters)
 * m ← β1·m + d·(1 − β1)·g;   v ← β2·v + d²·(1 − β2)·g²
 * s ← β3·s + (d/d0)·dlr·g       (safeguard_warmup: (d/d0)·d·g)
 * d̂ = d_coef · r / Σ|s|;   d ← max(d, d̂) on the first growth;  d_max ← max(d_max, d̂);  d ← min(d_max, d·growth_rate)
 * θ ← θ − dlr·λ·θ  (decoupled decay, the default; coupled: g ← g + λθ)
 * θ ← θ − dlr · m / (√v + d·ε)                     (β1 = 0: θ ← θ − dlr·d · g / (√v + d·ε))
 * </pre>
 *
 * <p>Mishchenko &amp; Defazio, "Prodigy: An Expeditiously Adaptive Parameter-Free Learner", ICML 2024
 * (Algorithm 4). Reproduces {@code Prodigy} of konstmish/prodigy ({@code prodigyopt/prodigy.py}) with
 * {@code slice_p = 1}, with its defaults, except two the registry cannot write: β3 defaults to √0.999 (the
 * reference's √β2 for its default β2 — set it when you change β2) and {@code growth_rate = 0} stands for the
 * reference's unbounded growth. When Σ|s| is 0 (no gradient yet) the parameters, k and d stay as they are, as
 * in the reference. The sums over all parameters run on the calling thread in one order, so the bits do not
 * depend on the thread count. A group's learning-rate multiplier scales its dlr (the reference allows only 0
 * or 1); a group with multiplier 0 is left alone.
 *
 * <pre>{@code
 * Optimizer prodigy = Optimizers.parse("prodigy(weight_decay=0.01)");
 * prodigy.step(params, grads, 1.0);
 * }</pre>
 */
public final class Prodigy extends AbstractOptimizer {

    /** Hyperparameters, validated; {@link #DEFAULTS} are the reference's. */
    public record Config(
            @Hyperparameter(value = "first-moment decay β1 (0: no first moment)", range = Checks.UNIT) double beta1,
            @Hyperparameter(value = "second-moment decay β2", range = Checks.UNIT) double beta2,
            @Hyperparameter(value = "decay β3 of the d estimate's sums (the reference's default √β2)", range = Checks.UNIT) double beta3,
            @Hyperparameter(value = "ε, added as d·ε to √v", range = Checks.POSITIVE) double epsilon,
            @Hyperparameter(value = "initial d", range = Checks.POSITIVE) double d0,
            @Hyperparameter(value = "multiplier of the d estimate", range = Checks.POSITIVE) double dCoef,
            @Hyperparameter(value = "largest factor d grows by per step (0: unbounded)", range = Checks.NON_NEGATIVE) double growthRate,
            @Hyperparameter("Adam's bias correction in dlr") boolean useBiasCorrection,
            @Hyperparameter("leave lr out of the denominator sum s (for warmup schedules)") boolean safeguardWarmup) {

        public static final Config DEFAULTS = new Config(0.9, 0.999, Math.sqrt(0.999), 1e-8, 1e-6, 1.0, 0, false, false);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
            Checks.inUnitInterval("beta3", beta3);
            Checks.positive("epsilon", epsilon);
            Checks.positive("d0", d0);
            Checks.positive("d_coef", dCoef);
            Checks.nonNegative("growth_rate", growthRate);
        }
    }

    private static final int P0 = 0, S = 1, V = 2, M = 3;

    private final Config config;
    private long t;
    private double d, dMax, numerator, k;
    /** Of the step in progress: d before the step, the bias correction, whether the step is skipped. */
    private double dBefore, bc;
    private boolean skip;
    /** The step's sums over all parameters: (d/d0)·dlr·⟨g, θ0 − θ⟩ and Σ|s|. */
    private final double[] sums = new double[2];
    /** Of the range in progress: decoupled λ, or 0. */
    private double lambda;

    public Prodigy(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Prodigy(Config config, WeightDecay weightDecay) {
        super("prodigy", config, weightDecay, config.beta1() > 0 ? 4 : 3);
        this.config = config;
        restoreScalars(null);
    }

    @Override
    protected void beginStep(long t) {
        this.t = t;
    }

    /** Updates the moments and s of every parameter, and d from the sums over all of them. */
    @Override
    protected void beginUpdate(float[] p, float[] grads, float[][] s, ParamGroups groups, double learningRate) {
        if (t == 1) {
            System.arraycopy(p, 0, s[P0], 0, p.length);
        }
        double b1 = config.beta1(), b2 = config.beta2(), d0 = config.d0();
        bc = config.useBiasCorrection() ? Math.sqrt(1 - Math.pow(b2, k + 1)) / (1 - Math.pow(b1, k + 1)) : 1;
        dBefore = d;
        sums[0] = 0;
        sums[1] = 0;
        if (groups.isAll()) {
            accumulate(p, grads, s, 0, p.length, learningRate, weightDecay().l2());
        } else {
            for (int i = 0; i < groups.size(); i++) {
                ParamGroups.Group g = groups.get(i);
                accumulate(p, grads, s, g.from(), g.to(), learningRate * g.lrScale(), g.weightDecay() ? weightDecay().l2() : 0f);
            }
        }
        skip = sums[1] == 0;
        if (skip) {
            return;
        }
        numerator = numerator * config.beta3() + sums[0];   // left as it was on a skipped step, as the reference does
        if (learningRate > 0) {
            double dHat = config.dCoef() * numerator / sums[1];
            if (d == d0) {
                d = Math.max(d, dHat);
            }
            dMax = Math.max(dMax, dHat);
            d = Math.min(dMax, config.growthRate() == 0 ? Double.POSITIVE_INFINITY : d * config.growthRate());
        }
        k++;
    }

    private void accumulate(float[] p, float[] grads, float[][] s, int from, int to, double lr, float l2) {
        if (lr == 0) {
            return;
        }
        float[] p0 = s[P0], sum = s[S], v = s[V], m = config.beta1() > 0 ? s[M] : null;
        double dlr = d * lr * bc, d0 = config.d0();
        float b1 = (float) config.beta1(), b2 = (float) config.beta2(), b3 = (float) config.beta3();
        float mScale = (float) (d * (1 - config.beta1())), vScale = (float) (d * d * (1 - config.beta2()));
        float sScale = (float) (config.safeguardWarmup() ? d / d0 * d : d / d0 * dlr);
        double dot = 0, abs = 0;
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            dot += (double) g * (p0[i] - p[i]);
            if (m != null) {
                m[i] = m[i] * b1 + g * mScale;
            }
            v[i] = v[i] * b2 + vScale * g * g;
            float si = sum[i] * b3 + g * sScale;
            sum[i] = si;
            abs += Math.abs(si);
        }
        sums[0] += d / d0 * dlr * dot;
        sums[1] += abs;
    }

    @Override
    protected void beginRange(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep, boolean decayed) {
        lambda = decayed && weightDecay().mode() == WeightDecay.Mode.DECOUPLED ? weightDecay().coefficient() : 0;
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        if (skip || lr == 0) {
            return;
        }
        float[] v = s[V], m = config.beta1() > 0 ? s[M] : null;
        double dlr = dBefore * lr * bc;
        float eps = (float) (d * config.epsilon()), decay = (float) (-lambda * dlr);
        float step = (float) (m != null ? -dlr : -dlr * d);
        for (int i = from; i < to; i++) {
            float denom = (float) Math.sqrt(v[i]) + eps;
            float pi = p[i];
            float num = m != null ? m[i] : grads[i] + l2 * pi;
            if (decay != 0) {
                pi = pi + pi * decay;
            }
            p[i] = pi + step * num / denom;
        }
    }

    @Override
    protected double[] scalars() {
        return new double[] {d, dMax, numerator, k};
    }

    @Override
    protected void restoreScalars(double[] scalars) {
        d = scalars == null ? config.d0() : scalars[0];
        dMax = scalars == null ? config.d0() : scalars[1];
        numerator = scalars == null ? 0 : scalars[2];
        k = scalars == null ? 0 : scalars[3];
    }
}
