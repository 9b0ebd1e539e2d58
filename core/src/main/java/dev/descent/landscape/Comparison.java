package dev.descent.landscape;

import dev.descent.landscape.Landscape.Point;
import dev.descent.search.SearchSpace;
import dev.descent.train.Optimization;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Several optimizers on one function from one start: the runs behind every landscape picture.
 *
 * <pre>{@code
 * Comparison c = new Comparison(Landscapes.parse("rosenbrock"),
 *         List.of(PathSpec.parse("sgd"), PathSpec.parse("adam(lr=0.05)")),
 *         null, 300, GradientNoise.NONE, LrTuner.DEFAULT_SPACE);
 * for (Comparison.Result r : c.run()) { ... }    // sgd tuned on the space's grid, adam at 0.05
 * c.tuning();                                    // "lr tuned on a 9-point log grid by the mean of the last 30 values of f"
 * }</pre>
 *
 * @param start      where every path starts; {@code null} = the function's default start
 * @param tuneSpace  where the rate of an optimizer whose {@link PathSpec#lr()} is null is searched ({@link LrTuner})
 */
public record Comparison(Landscape function, List<PathSpec> optimizers, Point start, int steps, GradientNoise noise,
                         SearchSpace tuneSpace) {

    /** One optimizer's path with the rate it ran at and whether that rate was tuned. */
    public record Result(PathSpec spec, boolean tuned, LandscapePath path) {
        /** Legend text: the extended spec (so lr and schedule are shown), "tuned", and how the path stopped. */
        public String label() {
            String s = spec.toString() + (tuned ? " (tuned)" : "");
            return path.diverged() ? s + " — " + path.describeStop() : s;
        }
    }

    public Comparison {
        Objects.requireNonNull(function, "function");
        if (optimizers.isEmpty()) {
            throw new IllegalArgumentException("give at least one optimizer");
        }
        optimizers = List.copyOf(optimizers);
        if (start == null) {
            start = function.start();
        }
        if (!Double.isFinite(start.x()) || !Double.isFinite(start.y()) || !function.domain().contains(start.x(), start.y())) {
            Landscape.Domain d = function.domain();
            throw new IllegalArgumentException("start " + start + " is outside " + function.name() + "'s domain [" + d.x0()
                    + ", " + d.x1() + "] x [" + d.y0() + ", " + d.y1() + "]");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        Objects.requireNonNull(noise, "noise");
        LrTuner.rates(Objects.requireNonNull(tuneSpace, "tuneSpace")); // fails here, before any run
    }

    /** How the tuned rates were chosen ({@link LrTuner#describe}), or empty when every optimizer has its rate. */
    public Optional<String> tuning() {
        return optimizers.stream().anyMatch(o -> o.lr() == null) ? Optional.of(LrTuner.describe(tuneSpace, steps)) : Optional.empty();
    }

    public List<Result> run() {
        List<Result> out = new ArrayList<>();
        for (PathSpec spec : optimizers) {
            if (spec.lr() != null) {
                out.add(new Result(spec, false, path(spec, spec.lr())));
            } else {
                LrTuner.Result t;
                try {
                    t = LrTuner.tune(tuneSpace, lr -> path(spec, lr));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("tuning " + spec.optimizer() + " on " + function.name() + ": " + e.getMessage(), e);
                }
                out.add(new Result(spec.withLr(t.lr()), true, t.path()));
            }
        }
        return out;
    }

    private LandscapePath path(PathSpec spec, double lr) {
        Optimization o = spec.optimization(lr);
        return PathRunner.run(function, o.newOptimizer(), o.newSchedule(1), steps, start, noise);
    }
}
