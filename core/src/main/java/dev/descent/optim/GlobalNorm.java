package dev.descent.optim;

import dev.descent.kernel.WorkerPool;

/**
 * The global L2 norm of a gradient array, {@code √(Σ gᵢ²)}: the one routine behind the norm the trainer
 * logs and the norm {@link GradientClipping#byGlobalNorm} clips by, so the two are the same bits.
 *
 * <p>The sum is split into {@value #CHUNKS} fixed chunks, each summed in double in index order, and the
 * chunk sums are added in chunk order. The chunks do not depend on the thread count, so every thread
 * count — and no pool at all — gives the same bits.
 *
 * <pre>{@code
 * double norm = GlobalNorm.of(grads);                          // calling thread
 * double same = GlobalNorm.of(grads, pool, new double[GlobalNorm.CHUNKS]);   // on pool's threads
 * }</pre>
 */
public final class GlobalNorm {

    /** Chunks of the sum; fixed, so the result does not depend on the thread count. */
    public static final int CHUNKS = 16;

    private GlobalNorm() {
    }

    /** The norm on the calling thread. */
    public static double of(float[] g) {
        return of(g, null, new double[CHUNKS]);
    }

    /**
     * The norm with the chunks summed on {@code pool}'s threads ({@code null}: the calling thread).
     *
     * @param partial scratch for the chunk sums, {@value #CHUNKS} long, so a training step allocates nothing
     */
    public static double of(float[] g, WorkerPool pool, double[] partial) {
        if (partial.length != CHUNKS) {
            throw new IllegalArgumentException("partial sums must be " + CHUNKS + " long, got " + partial.length);
        }
        if (pool == null) {
            for (int c = 0; c < CHUNKS; c++) {
                partial[c] = chunk(g, c);
            }
        } else {
            pool.forEach(CHUNKS, c -> partial[c] = chunk(g, c));
        }
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return Math.sqrt(s);
    }

    private static double chunk(float[] g, int c) {
        int from = (int) ((long) g.length * c / CHUNKS), to = (int) ((long) g.length * (c + 1) / CHUNKS);
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) g[i] * g[i];
        }
        return s;
    }
}
