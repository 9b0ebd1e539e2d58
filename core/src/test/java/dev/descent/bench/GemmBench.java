package dev.descent.bench;

import dev.descent.kernel.Gemm;
import dev.descent.kernel.VectorGemm;
import dev.descent.kernel.WorkerPool;
import dev.descent.random.Rng;

import java.util.Arrays;
import java.util.Locale;

/**
 * GFLOP/s of the fast matrix multiplies at the reference CNN's shapes (batch 50), median of repeated runs.
 *
 * <pre>
 * ./mvnw -q -B -pl core test-compile
 * java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes dev.descent.bench.GemmBench [threads]
 * </pre>
 */
public final class GemmBench {
    // name, transA, transB, m, n, k
    private static final Object[][] SHAPES = {
            {"conv1 fwd   ", false, false, 39200, 32, 25},
            {"conv1 dW    ", true, false, 25, 32, 39200},
            {"conv2 fwd   ", false, false, 9800, 64, 800},
            {"conv2 dW    ", true, false, 800, 64, 9800},
            {"conv2 dcol  ", false, true, 9800, 800, 64},
            {"fc1 fwd     ", false, false, 50, 1024, 3136},
            {"fc1 dW      ", true, false, 3136, 1024, 50},
            {"fc1 dx      ", false, true, 50, 3136, 1024},
            {"fc2 fwd     ", false, false, 50, 10, 1024},
    };

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private GemmBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        try (WorkerPool pool = new WorkerPool(threads)) {
            Gemm g = new VectorGemm(pool);
            System.out.println(g);
            for (Object[] s : SHAPES) {
                run(g, (String) s[0], (boolean) s[1], (boolean) s[2], (int) s[3], (int) s[4], (int) s[5]);
            }
        }
    }

    private static void run(Gemm g, String name, boolean tA, boolean tB, int m, int n, int k) {
        float[] a = random(m * k, 1), b = random(k * n, 2), c = new float[m * n];
        int lda = tA ? m : k, ldb = tB ? k : n;
        double flop = 2.0 * m * n * k;
        int reps = (int) Math.max(3, Math.min(200, 2e9 / flop));
        for (int i = 0; i < reps; i++) {
            g.gemm(tA, tB, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
        }
        double[] t = new double[reps], cpu = new double[reps];
        for (int i = 0; i < reps; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            g.gemm(tA, tB, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
            t[i] = (System.nanoTime() - t0) * 1e-9;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) * 1e-9;
        }
        Arrays.sort(t);
        Arrays.sort(cpu);
        double med = t[reps / 2];
        // with one thread the caller does all the work, and its CPU time ignores time lost to other processes
        System.out.printf(Locale.ROOT, "  %s tA=%-5s tB=%-5s m=%5d n=%5d k=%5d  %8.3f ms  %6.1f GFLOP/s  (calling thread CPU %8.3f ms)%n",
                name, tA, tB, m, n, k, med * 1e3, flop / med * 1e-9, cpu[reps / 2] * 1e3);
    }

    private static float[] random(int n, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
