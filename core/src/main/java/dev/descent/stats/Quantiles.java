package dev.descent.stats;

import java.util.Arrays;

/**
 * Quantiles of a sample by linear interpolation between order statistics — the definition NumPy's
 * {@code quantile} and R's {@code quantile(type = 7)} use by default: with the {@code n} finite values
 * sorted, {@code q(p) = v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋])} where {@code h = (n − 1)·p}.
 *
 * <pre>{@code
 * double median = Quantiles.of(values, 0.5);
 * double[] quartiles = Quantiles.of(values, 0.25, 0.5, 0.75);
 * }</pre>
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** The {@code p}-quantile of the finite values, {@code p} in [0, 1]; NaN when there are none. */
    public static double of(double[] values, double p) {
        return of(values, new double[] {p})[0];
    }

    /** The quantiles at every {@code p} (each in [0, 1]), sorting the values once. */
    public static double[] of(double[] values, double... p) {
        for (double q : p) {
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("a quantile's p must be in [0, 1], got " + q);
            }
        }
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            if (v.length == 0) {
                out[i] = Double.NaN;
                continue;
            }
            double h = (v.length - 1) * p[i];
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, v.length - 1);
            out[i] = v[lo] + (h - lo) * (v[hi] - v[lo]);
        }
        return out;
    }

    /** The median of the finite values; NaN when there are none. */
    public static double median(double... values) {
        return of(values, 0.5);
    }
}
