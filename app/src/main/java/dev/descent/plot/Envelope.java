package dev.descent.plot;

import java.util.Objects;

/**
 * A long noisy series reduced to a min–max envelope: consecutive points in buckets of {@code size}, each bucket
 * drawn from its first x to its last x at the lowest and the highest finite y it holds. The shape of the noise
 * survives (every extreme is inside), the point count drops to two per bucket, and a chart draws it as a faint band
 * ({@link LineChart.Series#envelope}) instead of thousands of crossing lines.
 *
 * <pre>{@code
 * Envelope e = Envelope.of(steps, rawLoss, Envelope.bucketSize(rawLoss.length, 400));   // at most 400 buckets
 * chart.add(LineChart.Series.envelope(e).color(c));
 * }</pre>
 *
 * @param x  two per bucket: its first and its last point's x
 * @param lo the bucket's smallest finite y, twice (NaN where the bucket has none)
 * @param hi the bucket's largest finite y, twice (NaN where the bucket has none)
 */
public record Envelope(double[] x, double[] lo, double[] hi) {

    public Envelope {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(lo, "lo");
        Objects.requireNonNull(hi, "hi");
        if (lo.length != x.length || hi.length != x.length) {
            throw new IllegalArgumentException("envelope arrays must have one length, got " + x.length + ", " + lo.length
                    + " and " + hi.length);
        }
    }

    /** The bucket size that keeps {@code n} points to at most {@code maxBuckets} buckets: ⌈n / maxBuckets⌉, at least 1. */
    public static int bucketSize(int n, int maxBuckets) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("an envelope needs at least 1 bucket, got " + maxBuckets);
        }
        return Math.max(1, (n + maxBuckets - 1) / maxBuckets);
    }

    /** The envelope of {@code y} against {@code x} (same length) in buckets of {@code size} points; the last may be shorter. */
    public static Envelope of(double[] x, double[] y, int size) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length, got " + x.length + " and " + y.length);
        }
        if (size < 1) {
            throw new IllegalArgumentException("an envelope's bucket size must be >= 1, got " + size);
        }
        int buckets = (y.length + size - 1) / size;
        double[] ex = new double[2 * buckets], lo = new double[2 * buckets], hi = new double[2 * buckets];
        for (int b = 0; b < buckets; b++) {
            int from = b * size, to = Math.min(y.length, from + size);
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                if (Double.isFinite(y[i])) {
                    min = Math.min(min, y[i]);
                    max = Math.max(max, y[i]);
                }
            }
            if (min > max) {
                min = max = Double.NaN;
            }
            ex[2 * b] = x[from];
            ex[2 * b + 1] = x[to - 1];
            lo[2 * b] = lo[2 * b + 1] = min;
            hi[2 * b] = hi[2 * b + 1] = max;
        }
        return new Envelope(ex, lo, hi);
    }
}
