package dev.descent.landscape;

import dev.descent.schedule.Schedule;
import dev.descent.schedule.Schedules;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;
import dev.descent.train.Optimization;

import java.util.List;
import java.util.Locale;

/**
 * One optimizer of a landscape comparison: a registry spec extended by two keys that the registry itself does
 * not take, {@code lr} (the learning rate; absent = to be given elsewhere or tuned) and {@code schedule} (a
 * {@link Schedules} spec whose base rate is {@code lr}; one step is one "epoch").
 *
 * <pre>{@code
 * PathSpec a = PathSpec.parse("adam(beta1=0.8, lr=0.05)");     // optimizer "adam(beta1=0.8)", lr 0.05
 * PathSpec s = PathSpec.parse("sgd(lr=0.1, schedule=cosine(decay_steps=200))");
 * String again = a.withLr(0.1).toString();                     // "adam(beta1=0.8, lr=0.1)"
 * }</pre>
 *
 * <p>{@link #optimization(double)} is how the path is optimized, built by the one door every command uses
 * ({@link Optimization#resolve}). {@link #toString()} is the extended spec; it reproduces the path and is what the CSV's
 * {@code optimizer} column holds.
 */
public record PathSpec(String optimizer, Double lr, String schedule) {

    private static final String LR = Optimization.LR;
    private static final String SCHEDULE = Optimization.SCHEDULE;

    public PathSpec {
        if (lr != null && (!(lr > 0) || Double.isInfinite(lr))) {
            throw new IllegalArgumentException(optimizer + ": lr must be finite and > 0, got " + lr);
        }
        resolve(optimizer, schedule, lr == null ? 1 : lr).newSchedule(1); // validates with the registries' messages
    }

    /** Reads {@code name}, {@code name(k=v, ...)}, with optional {@code lr=} and {@code schedule=} keys. */
    public static PathSpec parse(String spec) {
        return of(Spec.parse(spec, "optimizer"));
    }

    /** Reads a comma-separated list of path specs: {@code sgd, momentum(momentum=0.9, lr=0.01), adam}. */
    public static List<PathSpec> parseAll(String specs) {
        return Spec.parseAll(specs, "optimizer").stream().map(PathSpec::of).toList();
    }

    /** The path spec of a spec value whose {@code lr} and {@code schedule} keys, if any, are taken out. */
    public static PathSpec of(Spec spec) {
        Double lr = Optimization.learningRateIn(spec);
        String schedule = spec.has(SCHEDULE) ? Spec.from(SCHEDULE, spec.get(SCHEDULE)).toString() : null;
        return new PathSpec(spec.without(LR, SCHEDULE).toString(), lr, schedule);
    }

    /** The registry name, e.g. {@code momentum} for {@code momentum(momentum=0.9)}. */
    public String name() {
        return Spec.parse(optimizer, "optimizer").name().toLowerCase(Locale.ROOT);
    }

    public PathSpec withLr(double newLr) {
        return new PathSpec(optimizer, newLr, schedule);
    }

    public PathSpec withSchedule(String newSchedule) {
        return new PathSpec(optimizer, lr, newSchedule);
    }

    /**
     * How this path is optimized at base rate {@code lr} (this spec's own lr, when it has one, wins): the one value
     * every command builds ({@link Optimization#resolve}); one step is one epoch.
     */
    public Optimization optimization(double lr) {
        return resolve(optimizer, schedule, lr);
    }

    private static Optimization resolve(String optimizer, String schedule, double lr) {
        return Optimization.resolve(Spec.parse(optimizer, "optimizer"), lr, schedule == null ? null : Schedules.parseSpec(schedule));
    }

    /** The schedule at base rate {@code baseLr}: constant without a schedule spec. */
    public Schedule schedule(double baseLr) {
        return optimization(baseLr).newSchedule(1);
    }

    /** The extended spec: the optimizer's, then {@code lr} ({@link #formatLr}) and {@code schedule} if given. */
    @Override
    public String toString() {
        Spec s = Spec.parse(optimizer, "optimizer");
        if (lr != null) {
            s = s.with(LR, Value.parse(formatLr(lr)));
        }
        if (schedule != null) {
            s = s.with(SCHEDULE, Spec.parse(schedule, "schedule"));
        }
        return s.toString();
    }

    /** Short, exact enough to reproduce a grid value: 0.001, 0.00316, 1. */
    public static String formatLr(double lr) {
        String s = String.format(Locale.ROOT, "%.3g", lr);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
