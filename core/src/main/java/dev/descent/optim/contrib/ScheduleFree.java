package dev.descent.optim.contrib;

import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.ParamGroups;
import dev.descent.optim.WeightDecay;

/**
 * What Schedule-Free SGD and AdamW share: the two sequences z (the base steps) and x (their weighted
 * average) besides y, the point the gradients are taken at, which the parameters hold while training;
 * the averaging weights (warmup, polynomial weighting r, weighting by the largest learning rate so far);
 * weight decay at y or z; and the train/eval switch. A subclass writes only how z steps.
 *
 * <pre>
 * k = t − 1;  lr_t = lr · min(1, (k + 1)/warmup_steps);  lr_max = max(lr_max, lr_t)
 * w_t = (k + 1)^r · lr_max^weight_lr_power;   c_t = w_t / Σ_{i≤t} w_i   (0 while the sum is 0)
 * z ← step of the subclass, from the gradient at y
 * x ← (1 − c_t)·x + c_t·z
 * y ← β·x + (1 − β)·z          the new parameters
 * </pre>
 *
 * <p>Buffer layout: {@code s[0]} = z, {@code s[1]} = x, then the subclass's. Both start as the parameters
 * of the first step. {@link #toEval} swaps x into the parameters and keeps y in the x buffer until
 * {@link #toTrain} swaps them back, so the switch is exact and costs no memory; the mode is part of the
 * saved state.
 *
 * <p>Which sequence each output of descent shows: the training loss of a step is the minibatch loss at y (the
 * gradient's point); every evaluation (test and validation loss and accuracy, so also sweep selection) is at x,
 * through {@code Trainer}'s toEval/toTrain; a checkpoint holds y in the parameters and z, x in the state; a
 * landscape path ({@code descent landscape}, every gallery picture) draws x; the gallery's
 * {@code schedule-free-sequences} entry draws z, y and x side by side.
 */
abstract sealed class ScheduleFree extends AbstractOptimizer permits ScheduleFreeSgd, ScheduleFreeAdamW {

    static final int Z = 0, X = 1;

    private final double beta, warmupSteps, r, weightLrPower;
    private final boolean decayAtZ;
    private long t;
    private double lrMax = -1, weightSum;
    private boolean eval;
    /** Of the step in progress: the warmup factor, the averaging coefficients, β as floats. */
    private double warmup;
    private float c, oneMinusC, b, oneMinusB;
    /** Of the range in progress: decoupled λ, or 0. */
    private double lambda;

    ScheduleFree(String name, Record config, WeightDecay weightDecay, int bufferCount,
                 double beta, double warmupSteps, double r, double weightLrPower, boolean decayAtZ) {
        super(name, config, weightDecay, bufferCount);
        this.beta = beta;
        this.warmupSteps = warmupSteps;
        this.r = r;
        this.weightLrPower = weightLrPower;
        this.decayAtZ = decayAtZ;
    }

    /** A whole number of steps, {@code >= 0}. */
    static double checkSteps(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v) || v != Math.rint(v)) {
            throw new IllegalArgumentException(name + " must be a whole number in [0, inf), got " + v);
        }
        return v;
    }

    @Override
    protected void beginStep(long t) {
        this.t = t;
    }

    @Override
    protected final void beginUpdate(float[] params, float[] grads, float[][] s, ParamGroups groups, double learningRate) {
        if (eval) {
            throw new IllegalStateException(this + " is in eval mode (the parameters hold x): call toTrain(params) before the next step");
        }
        if (t == 1) {
            System.arraycopy(params, 0, s[Z], 0, params.length);
            System.arraycopy(params, 0, s[X], 0, params.length);
        }
        long k = t - 1;
        warmup = k < warmupSteps ? (k + 1) / warmupSteps : 1.0;
        lrMax = Math.max(learningRate * warmup, lrMax);
        double weight = Math.pow(k + 1, r) * Math.pow(lrMax, weightLrPower);
        weightSum += weight;
        double ckp1 = weightSum == 0 ? 0 : weight / weightSum;
        c = (float) ckp1;
        oneMinusC = (float) (1 - ckp1);
        b = (float) beta;
        oneMinusB = (float) (1 - beta);
    }

    @Override
    protected final void beginRange(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep, boolean decayed) {
        lambda = decayed && weightDecay().mode() == WeightDecay.Mode.DECOUPLED ? weightDecay().coefficient() : 0;
    }

    /** The learning rate of z's step: the range's, times the warmup factor. */
    final float scheduled(float lr) {
        return (float) (lr * warmup);
    }

    /** Decoupled weight decay of z: {@code lr_t·λ}, 0 if none. */
    final float decay(float lr) {
        return (float) (lr * warmup * lambda);
    }

    /** z − lr_t·λ·(y or z), the reference's decoupled decay before z's step. */
    final float decayed(float z, float y, float lrDecay) {
        return lrDecay == 0 ? z : z - lrDecay * (decayAtZ ? z : y);
    }

    /** x ← (1 − c)·x + c·z; returns y = β·x + (1 − β)·z. */
    final float average(float[] x, float z, int i) {
        float xi = x[i] * oneMinusC + c * z;
        x[i] = xi;
        return xi * b + oneMinusB * z;
    }

    /** Writes x into {@code params}, keeping y in the x buffer: the reference's {@code optimizer.eval()}. */
    @Override
    public final void toEval(float[] params) {
        if (!eval) {
            swap(params);
            eval = true;
        }
    }

    /** Writes y back into {@code params}: the reference's {@code optimizer.train()}. */
    @Override
    public final void toTrain(float[] params) {
        if (eval) {
            swap(params);
            eval = false;
        }
    }

    /** True between {@link #toEval} and {@link #toTrain}. */
    public final boolean inEvalMode() {
        return eval;
    }

    private void swap(float[] params) {
        float[][] s = stateBuffers();
        if (s.length == 0) {
            return;   // no step yet: x is the parameters themselves
        }
        float[] x = s[X];
        if (x.length != params.length) {
            throw new IllegalArgumentException(this + " holds state for " + x.length + " parameters, got " + params.length);
        }
        for (int i = 0; i < params.length; i++) {
            float y = params[i];
            params[i] = x[i];
            x[i] = y;
        }
    }

    @Override
    protected final double[] scalars() {
        return new double[] {lrMax, weightSum, eval ? 1 : 0};
    }

    @Override
    protected final void restoreScalars(double[] scalars) {
        lrMax = scalars == null ? -1 : scalars[0];
        weightSum = scalars == null ? 0 : scalars[1];
        eval = scalars != null && scalars[2] != 0;
    }
}
