package dev.descent.random;

/**
 * A small, fast, seeded pseudo-random generator (SplitMix64) with the draws descent needs.
 *
 * <p>Every source of randomness in descent is an {@code Rng} built from an explicit seed; the same seed
 * gives the same sequence on every JVM and platform (the algorithm is written out here, not borrowed from
 * {@code java.util}). {@link #derive(long, long...)} builds independent streams from a seed and a path of
 * labels (for example seed, "init", layer index), so adding a consumer never shifts the others.
 *
 * <pre>{@code
 * Rng rng = Rng.derive(seed, Rng.STREAM_DROPOUT, step);
 * float u = rng.nextFloat();
 * }</pre>
 *
 * Not thread-safe: give each thread its own stream.
 */
public final class Rng {
    /** Stream labels used with {@link #derive}: one per consumer of randomness. */
    public static final long STREAM_INIT = 1, STREAM_BATCHES = 2, STREAM_DROPOUT = 3, STREAM_NOISE = 4,
            STREAM_SEARCH = 5;

    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** An independent stream for {@code seed} and a path of labels. */
    public static Rng derive(long seed, long... path) {
        long s = mix(seed ^ 0x5DEECE66DL);
        for (long p : path) {
            s = mix(s + 0x9E3779B97F4A7C15L * (p + 1));
        }
        return new Rng(s);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    /** 64 uniformly random bits. */
    public long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    /**
     * What {@link #nextFloat} would return {@code i} draws from now ({@code i = 0}: the next one), without drawing.
     * SplitMix64's state is a counter, so any draw can be computed directly: threads can each fill a part of a long
     * sequence (e.g. a dropout mask) and get the bits of drawing it in order. Reads only; safe from several threads.
     */
    public float floatAhead(long i) {
        return uniform24Ahead(i) * 0x1.0p-24f;
    }

    /**
     * {@link #floatAhead} as the integer it scales: {@code floatAhead(i) == uniform24Ahead(i) · 2⁻²⁴} exactly, a value
     * in {@code [0, 2²⁴)}. Comparing it with an integer threshold decides {@code floatAhead(i) < t} without a branch
     * (see {@code Dropout}).
     */
    public long uniform24Ahead(long i) {
        return mix(state + (i + 1) * GAMMA) >>> 40;
    }

    /**
     * The bound {@code b} with {@code k · 2⁻²⁴ < t  ⟺  k < b} for every integer {@code k} in {@code [0, 2²⁴)}: a draw is
     * below {@code t} exactly when its {@link #uniform24Ahead} is below {@code b}. {@code k · 2⁻²⁴} and {@code t · 2²⁴}
     * are exact, so the comparison is {@code k < t · 2²⁴}, which for an integer k is {@code k < ⌈t · 2²⁴⌉}.
     */
    public static long uniform24Below(float t) {
        return (long) Math.ceil(t * 0x1.0p24);
    }

    /** Advances the stream as {@code n} draws would. */
    public void skip(long n) {
        state += n * GAMMA;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        if ((m & 0xFFFFFFFFL) < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while ((m & 0xFFFFFFFFL) < threshold) {
                m = (nextLong() >>> 32) * bound;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal draw (Box–Muller, one value per call for a simple, reproducible sequence). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Standard normal draw conditioned on |x| &lt;= 2 (resampling, as TensorFlow's truncated_normal). */
    public double nextTruncatedGaussian() {
        while (true) {
            double x = nextGaussian();
            if (Math.abs(x) <= 2.0) {
                return x;
            }
        }
    }

    /** Fisher–Yates shuffle of {@code a} in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
