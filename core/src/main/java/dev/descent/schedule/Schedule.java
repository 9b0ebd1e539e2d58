package dev.descent.schedule;

import java.util.List;

/**
 * A learning-rate schedule: a pure function from the step (counted from 0) to the learning rate.
 *
 * <p>Every factory validates its arguments when called and returns a schedule whose {@code toString()} prints
 * the name and every parameter in the syntax {@link Schedules#parse} reads, e.g.
 * {@code cosine(lr=0.1, decay_steps=1000, alpha=0)}. Schedules keep no state, so one instance can be shared and
 * evaluated at any step in any order.
 *
 * <pre>{@code
 * Schedule s = Schedule.cosine(0.1, 10_000, 0.0).withWarmup(500, 0.0);
 * for (long t = 0; t < steps; t++) {
 *     optimizer.step(params, grads, s.at(t));
 * }
 * }</pre>
 *
 * <p>Epoch-based schedules take {@code stepsPerEpoch}; {@link Epochs} converts epoch counts to steps for the
 * step-based ones. Where a factory follows another library its javadoc names the reference and the tests check
 * the values against it (PyTorch goldens under {@code golden/schedules/}).
 */
@FunctionalInterface
public interface Schedule {

    /** Learning rate at {@code step} (0-based, {@code step >= 0}). */
    double at(long step);

    /** The same rate at every step. */
    static Schedule constant(double learningRate) {
        return new Constant(learningRate);
    }

    /**
     * Step decay as in the well-known Keras example:
     * {@code lr · drop^floor((1 + epoch) / epochsDrop)} with {@code epoch = floor(step / stepsPerEpoch)}.
     *
     * <p>Note the {@code 1 +}: with {@code epochsDrop = 4} the first drop happens at epoch 3 (the fourth
     * epoch, 0-based), not at epoch 4, and every later drop is likewise one epoch earlier than
     * {@code floor(epoch / epochsDrop)} would give. This reproduces the published formula exactly; use
     * {@link #exponentialDecay(double, double, long, boolean)} with {@code staircase = true} for the unshifted
     * per-step form.
     *
     * @param drop factor per drop, in (0, 1]
     * @param epochsDrop epochs between drops, {@code > 0} (real, as in the Keras example's {@code 10.0})
     */
    static Schedule stepDecay(double learningRate, double drop, double epochsDrop, long stepsPerEpoch) {
        return new StepDecay(learningRate, drop, epochsDrop, stepsPerEpoch);
    }

    /**
     * TensorFlow's {@code ExponentialDecay}: {@code lr · rate^(step / decaySteps)}, or with {@code staircase}
     * {@code lr · rate^floor(step / decaySteps)} (PyTorch {@code StepLR} with {@code step_size = decaySteps},
     * {@code gamma = rate}).
     */
    static Schedule exponentialDecay(double learningRate, double rate, long decaySteps, boolean staircase) {
        return new ExponentialDecay(learningRate, rate, decaySteps, staircase);
    }

    /** Continuous exponential decay {@code lr · rate^(step / decaySteps)}. */
    static Schedule exponential(double learningRate, double rate, long decaySteps) {
        return exponentialDecay(learningRate, rate, decaySteps, false);
    }

    /** Per-step staircase {@code lr · rate^floor(step / decaySteps)}: TF {@code exponential_decay(staircase=True)}. */
    static Schedule staircase(double learningRate, double rate, long decaySteps) {
        return exponentialDecay(learningRate, rate, decaySteps, true);
    }

    /**
     * Piecewise constant with TensorFlow's {@code PiecewiseConstantDecay} semantics: {@code values[0]} while
     * {@code step <= boundaries[0]}, {@code values[i]} while {@code boundaries[i-1] < step <= boundaries[i]},
     * and the last value after the last boundary. A boundary step thus still gets the <em>earlier</em> value.
     * (PyTorch's {@code MultiStepLR} switches <em>at</em> its milestone: milestone {@code m} is boundary
     * {@code m - 1} here.)
     *
     * @param boundaries strictly increasing, {@code >= 0}
     * @param values one more than {@code boundaries}, each finite and {@code >= 0}
     */
    static Schedule piecewiseConstant(long[] boundaries, double[] values) {
        return new PiecewiseConstant(boundaries, values);
    }

    /**
     * Inverse-time decay {@code lr / (1 + k · step)}.
     *
     * <p>For {@code k > 0} this satisfies the Robbins–Monro conditions {@code Σ lr_t = ∞} and
     * {@code Σ lr_t² < ∞} under which SGD converges almost surely on convex problems; the other schedules here
     * (exponential, cosine, polynomial to a positive end) do not.
     */
    static Schedule inverseTime(double learningRate, double k) {
        return new InverseTimeDecay(learningRate, k, 1, false);
    }

    /**
     * TensorFlow's {@code InverseTimeDecay}: {@code lr / (1 + rate · step / decaySteps)}, with {@code staircase}
     * {@code lr / (1 + rate · floor(step / decaySteps))}. See {@link #inverseTime(double, double)}.
     */
    static Schedule inverseTimeDecay(double learningRate, double rate, long decaySteps, boolean staircase) {
        return new InverseTimeDecay(learningRate, rate, decaySteps, staircase);
    }

    /**
     * TensorFlow's {@code PolynomialDecay}:
     * {@code (lr − endLr) · (1 − s / decaySteps)^power + endLr} with {@code s = min(step, decaySteps)}, so the
     * rate stays at {@code endLr} after {@code decaySteps}. With {@code cycle} the horizon instead grows to the
     * next multiple of {@code decaySteps} ({@code decaySteps · ceil(step / decaySteps)}, and 1 multiple at step
     * 0), which makes the rate jump back up after each multiple. PyTorch's {@code PolynomialLR} is the case
     * {@code endLr = 0}, no cycle.
     */
    static Schedule polynomial(double learningRate, long decaySteps, double endLearningRate, double power, boolean cycle) {
        return new PolynomialDecay(learningRate, decaySteps, endLearningRate, power, cycle);
    }

    /**
     * TensorFlow's {@code CosineDecay} (without its built-in warmup; use {@link #withWarmup}):
     * {@code lr · ((1 − alpha) · ½(1 + cos(π · s / decaySteps)) + alpha)} with {@code s = min(step, decaySteps)}.
     * It ends at and stays at {@code alpha · lr}. PyTorch's {@code CosineAnnealingLR} with
     * {@code T_max = decaySteps}, {@code eta_min = alpha · lr} agrees up to {@code T_max}.
     *
     * @param alpha final rate as a fraction of {@code lr}, in [0, 1]
     */
    static Schedule cosine(double learningRate, long decaySteps, double alpha) {
        return new CosineDecay(learningRate, decaySteps, alpha);
    }

    /**
     * Cosine decay with warm restarts, SGDR (Loshchilov &amp; Hutter, 2017), as TensorFlow's
     * {@code CosineDecayRestarts}. Period {@code i} (from 0) lasts {@code firstPeriod · tMul^i} steps and peaks at
     * {@code lr · mMul^i}; within it, at fraction {@code f} of the period,
     * {@code rate = lr · ((1 − alpha) · mMul^i · ½(1 + cos(π f)) + alpha)}. A restart step (the first of a
     * period) gets the period's peak. PyTorch's {@code CosineAnnealingWarmRestarts} is the case {@code mMul = 1},
     * integer {@code tMul}, {@code alpha = eta_min / lr}.
     *
     * @param tMul period growth, {@code >= 1} (TF also accepts smaller values; then the periods sum to a finite
     *     length and the schedule would be undefined after it)
     * @param mMul peak factor per restart, finite and {@code > 0} (usually {@code <= 1})
     * @param alpha floor as a fraction of {@code lr}, in [0, 1]
     */
    static Schedule cosineWarmRestarts(double learningRate, long firstPeriod, double tMul, double mMul, double alpha) {
        return new CosineRestarts(learningRate, firstPeriod, tMul, mMul, alpha);
    }

    /**
     * One-cycle policy (Smith &amp; Topin, 2018) as PyTorch's {@code OneCycleLR} with cosine annealing, two
     * phases: from {@code maxLr / divFactor} up to {@code maxLr} over the first
     * {@code pctStart · totalSteps − 1} steps, then down to {@code maxLr / divFactor / finalDivFactor} at step
     * {@code totalSteps − 1}. PyTorch raises after {@code totalSteps}; this schedule stays at the final rate.
     */
    static Schedule oneCycle(double maxLearningRate, long totalSteps, double pctStart, double divFactor,
            double finalDivFactor) {
        return new OneCycle(maxLearningRate, totalSteps, pctStart, divFactor, finalDivFactor);
    }

    /**
     * Joins schedules at step boundaries, as Optax's {@code join_schedules}: {@code schedules[0]} before
     * {@code boundaries[0]}; from {@code boundaries[i-1]} on, {@code schedules[i]} evaluated at
     * {@code step − boundaries[i-1]}, so each joined schedule starts from its own step 0. A boundary step belongs
     * to the <em>later</em> schedule.
     *
     * @param boundaries strictly increasing, {@code > 0}, one fewer than {@code schedules}
     */
    static Schedule join(List<Schedule> schedules, long... boundaries) {
        return new Joined(schedules, boundaries);
    }

    /**
     * This schedule behind a linear warmup: for {@code step < warmupSteps} the rate rises linearly from
     * {@code warmupStart} (at step 0) towards {@code this.at(0)}, reached at step {@code warmupSteps}; from
     * there on the rate is {@code this.at(step − warmupSteps)}.
     *
     * <p>The wrapped schedule's step counter <em>restarts at 0</em> after warmup (as Optax's
     * {@code warmup_cosine_decay_schedule} and Hugging Face's {@code get_cosine_schedule_with_warmup}): a
     * cosine over 10 000 steps behind 500 warmup steps ends at step 10 500. The join is continuous.
     *
     * @param warmupSteps {@code >= 0}; 0 returns this schedule unchanged
     */
    default Schedule withWarmup(long warmupSteps, double warmupStart) {
        return Warmup.of(this, warmupSteps, warmupStart);
    }
}
