package dev.descent.sweep;

import dev.descent.search.SearchSpace;
import dev.descent.spec.Spec;
import dev.descent.study.RunSpec;

import java.util.Objects;

/**
 * One optimizer of a sweep: its base configuration (a study file's run: optimizer, params, lr, schedule) and the
 * space searched around it. A search key is {@code lr}, a key of the optimizer, or a key of its schedule; a trial
 * point sets those keys and keeps the base's other values ({@link #at}).
 */
public record SweepOptimizer(RunSpec base, SearchSpace search) {

    public SweepOptimizer {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(search, "search");
    }

    public String name() {
        return base.name();
    }

    /**
     * The run a trial point makes: {@code lr} from the point, the optimizer's keys into its params, the schedule's
     * keys into the schedule spec; everything the point does not set as in the base.
     * The one rule is {@code SweepPoints.apply}.
     */
    public RunSpec at(Spec point) {
        return SweepPoints.apply(base, point);
    }
}
