package dev.descent.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-index statistics across runs (usually one per seed) of possibly different lengths — a run that
 * diverged and stopped early simply contributes to fewer indices. At each index only the runs that reach
 * it and hold a finite value there count; {@link #count()} says how many did.
 *
 * <pre>{@code
 * SeriesStats s = SeriesStats.of(lossSeed1, lossSeed2, lossSeed3);
 * double[] curve = s.mean(), low = s.min(), high = s.max();   // a line with a min–max band
 * double[] below = s.meanMinusStd(), above = s.meanPlusStd();  // or a ±1 std band
 * }</pre>
 *
 * <p>Each index is accumulated in one pass (Welford's update), the way the plots' curves and bands have
 * always been computed; {@link SampleStats} sums in two passes, the way the summary's figures have. The two
 * agree to rounding and are kept apart so that neither a plot nor a summary changes by a bit.
 *
 * @param mean  mean of the counted values, NaN where none counted
 * @param min   smallest counted value, NaN where none
 * @param max   largest counted value, NaN where none
 * @param std   sample standard deviation (divisor n - 1), 0 where one value counted, NaN where none
 * @param count how many runs counted at each index
 */
public record SeriesStats(double[] mean, double[] min, double[] max, double[] std, int[] count) {

    public SeriesStats {
        int n = mean.length;
        if (min.length != n || max.length != n || std.length != n || count.length != n) {
            throw new IllegalArgumentException("all SeriesStats arrays must have the same length " + n);
        }
    }

    /** Statistics across the given runs; the result is as long as the longest run. */
    public static SeriesStats of(double[]... runs) {
        return of(Arrays.asList(runs));
    }

    public static SeriesStats of(List<double[]> runs) {
        Objects.requireNonNull(runs, "runs");
        int n = 0;
        for (double[] r : runs) {
            n = Math.max(n, Objects.requireNonNull(r, "a run is null").length);
        }
        double[] mean = new double[n], min = new double[n], max = new double[n], std = new double[n];
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            // Welford's update: one pass, no cancellation when values are large and close together
            double m = 0, m2 = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            int k = 0;
            for (double[] r : runs) {
                if (i < r.length && Double.isFinite(r[i])) {
                    double v = r[i];
                    k++;
                    double d = v - m;
                    m += d / k;
                    m2 += d * (v - m);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            count[i] = k;
            mean[i] = k == 0 ? Double.NaN : m;
            min[i] = k == 0 ? Double.NaN : lo;
            max[i] = k == 0 ? Double.NaN : hi;
            std[i] = k == 0 ? Double.NaN : k == 1 ? 0 : Math.sqrt(m2 / (k - 1));
        }
        return new SeriesStats(mean, min, max, std, count);
    }

    public int length() {
        return mean.length;
    }

    /** mean - std at each index. */
    public double[] meanMinusStd() {
        double[] r = new double[mean.length];
        Arrays.setAll(r, i -> mean[i] - std[i]);
        return r;
    }

    /** mean + std at each index. */
    public double[] meanPlusStd() {
        double[] r = new double[mean.length];
        Arrays.setAll(r, i -> mean[i] + std[i]);
        return r;
    }

    /**
     * The prefix up to (not including) the first index where fewer than {@code minRuns} runs count —
     * avoids a mean that jumps when a diverged run drops out.
     */
    public SeriesStats truncate(int minRuns) {
        if (minRuns < 1) {
            throw new IllegalArgumentException("minRuns must be >= 1, got " + minRuns);
        }
        int n = 0;
        while (n < count.length && count[n] >= minRuns) {
            n++;
        }
        return new SeriesStats(Arrays.copyOf(mean, n), Arrays.copyOf(min, n), Arrays.copyOf(max, n),
                Arrays.copyOf(std, n), Arrays.copyOf(count, n));
    }
}
