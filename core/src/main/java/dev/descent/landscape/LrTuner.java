package dev.descent.landscape;

import dev.descent.search.Dimension;
import dev.descent.search.Goal;
import dev.descent.search.Sampler;
import dev.descent.search.SearchSpace;
import dev.descent.search.Selection;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Picks a learning rate for a landscape path with the sweeps' machinery, so that optimizers are compared at their
 * best, not at one shared rate: the rates are the {@link Sampler#grid() grid} of a {@link SearchSpace} with one
 * dimension, {@code lr}; each rate's path is scored by {@link Selection#meanOfLast} of its function values over the
 * last {@link #window} steps; {@link Selection#best} picks the lowest score ({@link Goal#MINIMIZE}), never a path
 * that diverged or left the domain, and gives equal scores to the smaller rate.
 *
 * <pre>{@code
 * LrTuner.Result r = LrTuner.tune(LrTuner.DEFAULT_SPACE,
 *         lr -> PathRunner.run(f, opt, Schedule.constant(lr), 200, f.start(), GradientNoise.NONE));
 * double best = r.lr();
 * String legend = LrTuner.describe(LrTuner.DEFAULT_SPACE, 200);
 * // "lr tuned on a 9-point log grid by the mean of the last 20 values of f"
 * }</pre>
 */
public final class LrTuner {

    /** The spec form of {@link #DEFAULT_SPACE}, a constant so that {@code --tune-space} can show it as its default. */
    public static final String DEFAULT_SPACE_SPEC = "space(lr=range(low=1e-4, high=1, scale=log, points=9))";

    /** 1e-4 to 1 in half decades: the powers of ten and the rates halfway between them on a log scale. */
    public static final SearchSpace DEFAULT_SPACE = SearchSpace.parse(DEFAULT_SPACE_SPEC);

    /**
     * The share of the steps whose values a path is scored by. The final value alone rewards a rate that oscillates
     * (on a steep wall, or across a valley) and happens to stop on a low swing: one value more and it would lose.
     * A tenth of the path spans many swings of such an oscillation, so the mean says where the run is, not which
     * phase it stopped in; and it is still the end of the run, so a rate that converges slowly but surely is judged
     * by where it got to, not by how fast it started.
     */
    public static final double WINDOW_SHARE = 0.1;

    /** One rate tried: its path and its score, NaN when the path diverged or left the domain. */
    public record Candidate(double lr, LandscapePath path, double score) {
    }

    /** The chosen candidate and every candidate in the grid's order. */
    public record Result(Candidate best, List<Candidate> candidates) {
        public double lr() {
            return best.lr();
        }

        public LandscapePath path() {
            return best.path();
        }
    }

    private LrTuner() {
    }

    /** How many of the last values a path of {@code steps} steps is scored by: {@link #WINDOW_SHARE} of them, at least 1. */
    public static int window(int steps) {
        return Math.max(1, (int) (WINDOW_SHARE * steps));
    }

    /** The mean of the path's last {@link #window} values of f; NaN when it diverged or left the domain. */
    public static double score(LandscapePath path) {
        return path.diverged() ? Double.NaN : Selection.meanOfLast(path.f(), window(path.steps()));
    }

    /**
     * The rates {@code space} tries, in the order of its grid.
     *
     * @throws IllegalArgumentException when the space has a dimension other than {@code lr}, a rate that is not a
     *                                  finite number &gt; 0, or a range without points
     */
    public static double[] rates(SearchSpace space) {
        if (!space.names().equals(List.of("lr"))) {
            throw new IllegalArgumentException("landscape tuning searches the learning rate only: the space must have the one "
                    + "dimension lr, got " + String.join(", ", space.names()) + "; e.g. " + DEFAULT_SPACE_SPEC);
        }
        List<Spec> points = Sampler.grid().sample(space);
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) {
            Value v = points.get(i).get("lr");
            if (!(v instanceof Value.Num n) || !(n.value() > 0) || Double.isInfinite(n.value())) {
                throw new IllegalArgumentException("lr: every learning rate must be a finite number > 0, got " + v);
            }
            out[i] = n.value();
        }
        return out;
    }

    /**
     * Runs {@code run.apply(lr)} for every rate of {@code space} and returns the best by {@link #score}.
     *
     * @throws IllegalArgumentException when every rate diverged or left the domain, or the space is not one
     *                                  {@link #rates} takes
     */
    public static Result tune(SearchSpace space, DoubleFunction<LandscapePath> run) {
        List<Candidate> all = new ArrayList<>();
        for (double lr : rates(space)) {
            LandscapePath p = run.apply(lr);
            all.add(new Candidate(lr, p, score(p)));
        }
        Candidate best = Selection.best(all, Candidate::score, Candidate::lr, Goal.MINIMIZE).orElseThrow(() ->
                new IllegalArgumentException("every learning rate of " + space + " diverged or left the domain"));
        return new Result(best, List.copyOf(all));
    }

    /**
     * How a rate was tuned, for a legend: e.g. "lr tuned on a 9-point log grid by the mean of the last 20 values of f"
     * (paths of {@code steps} steps), or "lr tuned on 3 given rates by the final value of f".
     */
    public static String describe(SearchSpace space, int steps) {
        Dimension d = space.dimensions().getFirst();
        int n = rates(space).length;
        String grid = d instanceof Dimension.Range r
                ? String.format(Locale.ROOT, "a %d-point %s grid", n, r.scale().display())
                : n == 1 ? "1 given rate" : n + " given rates";
        int k = window(steps);
        return "lr tuned on " + grid + " by " + (k == 1 ? "the final value of f" : "the mean of the last " + k + " values of f");
    }
}
