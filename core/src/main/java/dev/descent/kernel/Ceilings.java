package dev.descent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures this machine's ceilings, so kernels can be reported as a fraction of what the hardware can do:
 * the fused multiply-add throughput of one core (a register-only loop on the widest vector species, the
 * one the kernels use) and the memory bandwidth of a STREAM-style triad {@code a = b + s·c} over arrays far
 * larger than the caches.
 *
 * <pre>{@code
 * double peak = Ceilings.fmaGflopsPerCore(0.5);    // seconds to spend
 * double bw = Ceilings.triadGBs(pool, 0.5, 64 << 20);
 * }</pre>
 */
public final class Ceilings {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static volatile float sink;

    private Ceilings() {
    }

    /** Lanes of the widest float vector this JVM uses here (16 with AVX-512). */
    public static int vectorLanes() {
        return S.length();
    }

    /** GFLOP/s of one core running independent vector FMAs from registers (2 flops per lane per FMA). */
    public static double fmaGflopsPerCore(double seconds) {
        long iters = 1 << 16;
        double best = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            float r = fmaLoop(iters);
            long dt = System.nanoTime() - t0;
            sink += r;
            if (dt < 2_000_000) {
                iters *= 2;
                continue;
            }
            best = Math.max(best, 2.0 * S.length() * 12 * iters / dt);
        }
        return best;
    }

    private static float fmaLoop(long iters) {
        // twelve independent accumulators cover the FMA latency of two ports (4 cycles x 2 = 8 in flight, and some)
        FloatVector b = FloatVector.broadcast(S, 0.999999f), c = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iters; i++) {
            a0 = a0.fma(b, c);
            a1 = a1.fma(b, c);
            a2 = a2.fma(b, c);
            a3 = a3.fma(b, c);
            a4 = a4.fma(b, c);
            a5 = a5.fma(b, c);
            a6 = a6.fma(b, c);
            a7 = a7.fma(b, c);
            a8 = a8.fma(b, c);
            a9 = a9.fma(b, c);
            a10 = a10.fma(b, c);
            a11 = a11.fma(b, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /**
     * Triad bandwidth in GB/s (10⁹ bytes), counting 12 bytes per element (two reads, one write) as STREAM
     * does, on {@code pool}'s threads over three arrays of {@code n} floats. Choose {@code n} so the arrays
     * exceed the last-level cache for main-memory bandwidth, or match a kernel's working set to compare
     * like with like.
     */
    public static double triadGBs(WorkerPool pool, double seconds, int n) {
        float[] a = new float[n], b = new float[n], c = new float[n];
        java.util.Arrays.fill(b, 1f);
        java.util.Arrays.fill(c, 2f);
        int tasks = pool.threads();
        double best = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        do {
            long t0 = System.nanoTime();
            pool.forEach(tasks, t -> triad(a, b, c, 0.5f, (int) ((long) n * t / tasks), (int) ((long) n * (t + 1) / tasks)));
            long dt = System.nanoTime() - t0;
            best = Math.max(best, 12.0 * n / dt);
        } while (System.nanoTime() < deadline);
        sink += a[n / 2];
        return best;
    }

    private static void triad(float[] a, float[] b, float[] c, float s, int from, int to) {
        int i = from;
        FloatVector vs = FloatVector.broadcast(S, s);
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            FloatVector.fromArray(S, b, i).add(FloatVector.fromArray(S, c, i).mul(vs)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = b[i] + s * c[i];
        }
    }
}
