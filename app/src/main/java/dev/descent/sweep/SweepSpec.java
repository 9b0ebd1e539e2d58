package dev.descent.sweep;

import dev.descent.problem.Problem;
import dev.descent.study.RunSpec;
import dev.descent.train.Divergence;

import java.util.List;
import java.util.Objects;

/**
 * A sweep: the problems, the optimizers with their search spaces, and how to tune ({@link Tuning}).
 * Every optimizer is tuned on every problem; the chosen configuration of each (optimizer, problem) is re-run
 * with {@link Tuning#seeds()}.
 *
 * @param smoothing EMA weight of the smoothed training-loss curves in plots, in [0, 1)
 */
public record SweepSpec(String name, String description, List<Problem> problems, List<SweepOptimizer> optimizers,
                        Tuning tuning, Divergence divergence, double smoothing) {

    public SweepSpec {
        RunSpec.checkName("sweep", name);
        description = description == null ? "" : description;
        problems = List.copyOf(problems);
        optimizers = List.copyOf(optimizers);
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(divergence, "divergence");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one problem");
        }
        if (problems.stream().map(Problem::name).distinct().count() != problems.size()) {
            throw new IllegalArgumentException("problem names must be distinct, got " + problems.stream().map(Problem::name).toList());
        }
        if (optimizers.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one optimizer");
        }
        if (optimizers.stream().map(SweepOptimizer::name).distinct().count() != optimizers.size()) {
            throw new IllegalArgumentException("optimizer names must be distinct, got " + optimizers.stream().map(SweepOptimizer::name).toList());
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        }
    }

    /** The problem named {@code name}. */
    public Problem problem(String name) {
        return problems.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no problem '" + name + "' in sweep " + this.name));
    }

    /** The optimizer named {@code name}. */
    public SweepOptimizer optimizer(String name) {
        return optimizers.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no optimizer '" + name + "' in sweep " + this.name));
    }
}
