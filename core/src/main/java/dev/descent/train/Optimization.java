package dev.descent.train;

import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedule;
import dev.descent.schedule.Schedules;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;

import java.util.Objects;

/**
 * How a run is optimized: the optimizer spec (its hyperparameters and the gradient transforms, which are keys of
 * that spec: {@code clip_norm}, {@code clip_value}, {@code on_nonfinite}, {@code weight_decay}, ...) and the
 * schedule spec, in which the learning rate lives ({@code constant(lr=0.001)},
 * {@code step_decay(lr=0.1, drop=0.5, epochs_drop=2)}). This is the one door through which the learning rate
 * enters {@code train}, {@code study} and {@code landscape}: every command builds this value with
 * {@link #resolve}, and its flags and file keys only fill the arguments.
 *
 * <pre>{@code
 * Optimization o = Optimization.resolve("adadelta", null, null);    // schedule constant(lr=1.0): PyTorch's default
 * Optimization p = Optimization.resolve("momentum(momentum=0.9, lr=0.1, schedule=cosine(decay_steps=200))", null, null);
 * Optimization q = Optimization.resolve("adam", 0.01, "step_decay(drop=0.5, epochs_drop=4)");
 * Optimizer opt = q.newOptimizer();
 * Schedule s = q.newSchedule(stepsPerEpoch);                       // step_decay(lr=0.01, drop=0.5, ...)
 * }</pre>
 *
 * <p>Where the learning rate comes from, the first that applies: {@code lr=} in the schedule spec (or
 * {@code max_lr=}); {@code lr=} in the optimizer spec; the rate a flag or file gives ({@code --lr},
 * {@code lr:}, {@code --lr NAME=LR}, a tuner); the optimizer's default under its convention
 * ({@link Optimizers#defaultLearningRate}). The schedule, when none is given, is {@code constant}.
 *
 * @param optimizer    the optimizer's registry spec, without {@code lr} and {@code schedule}
 * @param schedule     the schedule spec with every base-rate key written in ({@link Schedules#withBaseRate})
 * @param learningRate the base rate written into the schedule, as runs report it
 */
public record Optimization(Spec optimizer, Spec schedule, double learningRate) {

    /** The key of the learning rate, in an optimizer (path) spec and in schedules. */
    public static final String LR = "lr";
    /** The key of a schedule given inside an optimizer (path) spec. */
    public static final String SCHEDULE = "schedule";

    public Optimization {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        if (optimizer.has(LR) || optimizer.has(SCHEDULE)) {
            throw new IllegalArgumentException("an optimization's optimizer spec holds neither lr nor schedule (resolve takes them out), got "
                    + optimizer);
        }
        if (!Double.isFinite(learningRate) || learningRate < 0) {
            throw new IllegalArgumentException(optimizer.name() + ": lr must be finite and >= 0, got " + learningRate);
        }
    }

    /**
     * Resolves the three ways a run can be told its optimization into one value; see the class comment for which
     * learning rate wins.
     *
     * @param optimizer    the optimizer spec; may hold {@code lr=} and {@code schedule=} (as landscape paths do)
     * @param learningRate the rate a flag, file or tuner gives, or {@code null} for the optimizer's default
     * @param schedule     the schedule spec a flag or file gives, or {@code null} (constant, unless the optimizer
     *                     spec holds one)
     * @throws IllegalArgumentException naming what was wrong (unknown optimizer or schedule, bad key or value)
     */
    public static Optimization resolve(Spec optimizer, Double learningRate, Spec schedule) {
        Double inSpec = learningRateIn(optimizer);
        Spec registry = optimizer.without(LR, SCHEDULE);
        Optimizers.create(registry); // validates name, keys and values with the registry's messages
        double base = inSpec != null ? inSpec : learningRate != null ? learningRate : Optimizers.defaultLearningRate(registry);
        Spec s = optimizer.has(SCHEDULE) ? Spec.from(SCHEDULE, optimizer.get(SCHEDULE))
                : schedule != null ? schedule : Spec.of("constant");
        return new Optimization(registry, Schedules.withBaseRate(s, base), base);
    }

    /**
     * The {@code lr=} of an optimizer (path) spec, or {@code null} without one.
     *
     * @throws IllegalArgumentException when it is not a number
     */
    public static Double learningRateIn(Spec optimizer) {
        if (optimizer.get(LR) instanceof Value.Num n) {
            return n.value();
        }
        if (optimizer.has(LR)) {
            throw new IllegalArgumentException(optimizer.name() + ": lr must be a number, got '" + optimizer.get(LR) + "'");
        }
        return null;
    }

    /** {@link #resolve(Spec, Double, Spec)} of spec texts ({@code schedule} may be {@code null}). */
    public static Optimization resolve(String optimizer, Double learningRate, String schedule) {
        return resolve(Spec.parse(optimizer, "optimizer"), learningRate, schedule == null ? null : Schedules.parseSpec(schedule));
    }

    /** A new optimizer (with its gradient transforms), fresh state. */
    public Optimizer newOptimizer() {
        return Optimizers.create(optimizer);
    }

    /**
     * The schedule.
     *
     * @param stepsPerEpoch for keys given in epochs and epoch-based schedules, {@code > 0}
     */
    public Schedule newSchedule(long stepsPerEpoch) {
        return Schedules.create(schedule, stepsPerEpoch, learningRate);
    }
}
