package dev.descent.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Contour levels: evenly spaced for functions of one scale, log-spaced for functions spanning orders of
 * magnitude (a loss surface such as Rosenbrock's goes from 0 to thousands), and an automatic choice.
 *
 * <pre>{@code
 * Levels.linear(0, 4, 8)        // [0.5, 1, 1.5, ..., 3.5]
 * Levels.log(0.01, 3000)        // [0.01, 0.03, 0.1, 0.3, ..., 1000, 3000]
 * Levels.auto(grid, 10)
 * }</pre>
 */
public final class Levels {
    private Levels() {
    }

    /** About {@code n} 1-2-5 levels strictly inside (lo, hi). */
    public static double[] linear(double lo, double hi, int n) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("level range must be finite with lo < hi, got [" + lo + ", " + hi + "]");
        }
        if (n < 1) {
            throw new IllegalArgumentException("number of levels must be >= 1, got " + n);
        }
        List<Double> out = new ArrayList<>();
        for (double t : Ticks.linear(lo, hi, n + 1)) {
            if (t > lo && t < hi) {
                out.add(t);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Log-spaced levels inside [lo, hi] (both &gt; 0), round in base 10: 1-2-5 per decade over up to
     * three decades, 1-3 up to seven, powers of ten beyond.
     */
    public static double[] log(double lo, double hi) {
        if (!(lo > 0 && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("log levels need 0 < lo < hi, got [" + lo + ", " + hi + "]");
        }
        double decades = Math.log10(hi / lo);
        int[] mantissas = decades <= 3 ? new int[] {1, 2, 5} : decades <= 7 ? new int[] {1, 3} : new int[] {1};
        int stride = decades <= 12 ? 1 : (int) Math.ceil(decades / 12);
        List<Double> out = new ArrayList<>();
        int k0 = (int) Math.floor(Math.log10(lo)), k1 = (int) Math.ceil(Math.log10(hi));
        for (int k = k0; k <= k1; k += stride) {
            for (int m : mantissas) {
                double v = Double.parseDouble(m + "e" + k); // exact decimal, not 3 * 0.1
                if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Log levels when the finite values are non-negative, span more than three orders of magnitude (from
     * the larger of the smallest positive value and max·1e-6) and half the grid lies in the lowest tenth
     * of the range — where linear levels would leave most of the picture in one band. Otherwise about
     * {@code n} linear levels.
     */
    public static double[] auto(Grid g, int n) {
        double[] s = g.finiteStats();
        if (Double.isNaN(s[0]) || s[0] == s[1]) {
            return new double[0];
        }
        if (s[0] >= 0 && !Double.isNaN(s[2])) {
            double lo = Math.max(s[2], s[1] * 1e-6);
            if (s[1] / lo > 1e3 && median(g) < s[0] + 0.1 * (s[1] - s[0])) {
                return log(lo, s[1]);
            }
        }
        return linear(s[0], s[1], n);
    }

    private static double median(Grid g) {
        double[] all = Arrays.stream(g.values()).flatMapToDouble(Arrays::stream).filter(Double::isFinite).sorted()
                .toArray();
        return all[all.length / 2];
    }
}
