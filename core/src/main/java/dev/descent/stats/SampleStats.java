package dev.descent.stats;

/**
 * The mean, sample standard deviation, minimum, maximum and count of a sample, e.g. one figure of a
 * configuration over its seeds. Non-finite values are left out; with none left every figure but {@code n}
 * is NaN.
 *
 * <pre>{@code
 * SampleStats acc = SampleStats.of(0.981, 0.984, 0.979);   // mean 0.98133…, std 0.00252…, n 3
 * }</pre>
 *
 * @param mean arithmetic mean (summed in order, then divided by n); NaN when n = 0
 * @param std  sample standard deviation (divisor n − 1, from a second pass over the deviations); 0 when
 *             n = 1, NaN when n = 0
 * @param min  smallest value, NaN when n = 0
 * @param max  largest value, NaN when n = 0
 * @param n    how many finite values counted
 */
public record SampleStats(double mean, double std, double min, double max, int n) {

    public SampleStats {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    /** The statistics of the finite values among {@code values}. */
    public static SampleStats of(double... values) {
        double[] v = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        int n = v.length;
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean = n == 0 ? Double.NaN : mean / n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double min = Double.NaN, max = Double.NaN;
        for (double x : v) {
            min = Double.isNaN(min) ? x : Math.min(min, x);
            max = Double.isNaN(max) ? x : Math.max(max, x);
        }
        return new SampleStats(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : n == 1 ? 0.0 : Double.NaN, min, max, n);
    }
}
