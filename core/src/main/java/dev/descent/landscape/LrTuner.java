package dev.descent.landscape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Picks a learning rate from a grid so that optimizers are compared at their best, not at one shared rate.
 *
 * <p>Every rate of the grid is run; a path that diverged or left the domain is out; among the rest the one
 * with the lowest final function value wins (the same as the lowest final gap f − f*). Values within
 * {@link #TIE} of each other are a tie, and a tie goes to the smaller rate: the gentler of two equally good
 * choices.
 *
 * <pre>{@code
 * LrTuner.Result r = LrTuner.tune(LrTuner.halfDecades(1e-4, 1),
 *         lr -> PathRunner.run(f, opt, Schedule.constant(lr), 200, f.start(), GradientNoise.NONE));
 * double best = r.lr();
 * }</pre>
 */
public final class LrTuner {
    /** Absolute and relative tolerance under which two final values are equal. */
    public static final double TIE = 1e-12;

    /** One rate tried: its final value and how the path ended. */
    public record Candidate(double lr, double finalValue, LandscapePath.Stop stop) {
    }

    /** The chosen rate, its path, and every candidate in grid order. */
    public record Result(double lr, LandscapePath path, List<Candidate> candidates) {
    }

    private LrTuner() {
    }

    /** {@code lo, lo·√10, lo·10, ...} up to {@code hi} (both powers of ten), e.g. 1e-4 … 1 is nine rates. */
    public static double[] halfDecades(double lo, double hi) {
        if (!(lo > 0 && hi >= lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("learning-rate grid needs 0 < lo <= hi, got " + lo + ", " + hi);
        }
        int k0 = (int) Math.round(2 * Math.log10(lo)), k1 = (int) Math.round(2 * Math.log10(hi));
        double[] out = new double[k1 - k0 + 1];
        for (int k = k0; k <= k1; k++) {
            // powers of ten exact, the half decades to double precision
            out[k - k0] = k % 2 == 0 ? Double.parseDouble("1e" + k / 2) : Math.pow(10, k / 2.0);
        }
        return out;
    }

    /**
     * Runs {@code run.apply(lr)} for every rate of {@code grid} (ascending) and returns the best.
     *
     * @throws IllegalArgumentException when every rate diverged
     */
    public static Result tune(double[] grid, DoubleFunction<LandscapePath> run) {
        List<Candidate> all = new ArrayList<>();
        double bestLr = Double.NaN, bestValue = Double.POSITIVE_INFINITY;
        LandscapePath best = null;
        for (double lr : grid) {
            LandscapePath p = run.apply(lr);
            all.add(new Candidate(lr, p.finalValue(), p.stop()));
            if (p.diverged()) {
                continue;
            }
            double v = p.finalValue();
            boolean tie = Math.abs(v - bestValue) <= TIE * Math.max(1, Math.abs(bestValue));
            if (best == null || v < bestValue && !tie || tie && lr < bestLr) {
                bestLr = lr;
                bestValue = v;
                best = p;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "every learning rate from %s to %s diverged or left the domain", grid[0], grid[grid.length - 1]));
        }
        return new Result(bestLr, best, List.copyOf(all));
    }
}
