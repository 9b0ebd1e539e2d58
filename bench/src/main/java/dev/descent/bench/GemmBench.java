package dev.descent.bench;

import dev.descent.kernel.Backend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The fast backend's matrix multiply at each {@link GemmShape}; time per product. JMH runs it through
 * {@link Suite}; {@link #main} is a quick look without JMH that also shows the calling thread's CPU time
 * (median of repeated runs, because the machine is shared):
 *
 * <pre>
 * ./mvnw -q -DskipTests package
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.descent.bench.GemmBench [threads] [shape regex]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {
    @Param({"CONV1_FWD", "CONV1_DW", "CONV2_FWD", "CONV2_DW", "CONV2_DX", "FC1_FWD", "FC1_DW", "FC1_DX", "SQUARE_512", "SQUARE_1024"})
    public String shape;

    @Param({"2"})
    public int threads;

    private GemmShape s;
    private Backend backend;
    private float[] a, b, c;

    @Setup
    public void setup() {
        s = GemmShape.valueOf(shape);
        backend = Backend.fast(threads);
        Random r = new Random(1);
        a = new float[s.m * s.k];
        b = new float[s.k * s.n];
        c = new float[s.m * s.n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat() - 0.5f;
        }
    }

    @TearDown
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public float[] gemm() {
        backend.gemm().gemm(s.transA, s.transB, s.m, s.n, s.k, a, 0, s.transA ? s.m : s.k, b, 0, s.transB ? s.k : s.n, c, 0, s.n, false);
        return c;
    }

    /** Every shape (or those matching the regex) once: median time, GFLOP/s and the calling thread's CPU time. */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        String only = args.length > 1 ? args[1] : ".*";
        ThreadMXBean cpuClock = ManagementFactory.getThreadMXBean();
        boolean first = true;
        for (GemmShape shape : GemmShape.values()) {
            if (!shape.name().toLowerCase(Locale.ROOT).matches(only.toLowerCase(Locale.ROOT))) {
                continue;
            }
            GemmBench b = new GemmBench();
            b.shape = shape.name();
            b.threads = threads;
            b.setup();
            try {
                if (first) {
                    System.out.println(b.backend.gemm());
                    first = false;
                }
                // warm up by time, not count: the interpreted Vector API is slow, so a few calls of a big shape can
                // all run before the JIT has compiled the kernel
                long warmEnd = System.nanoTime() + 1_500_000_000L;
                for (int i = 0; i < 3 || System.nanoTime() < warmEnd; i++) {
                    b.gemm();
                }
                int reps = (int) Math.max(5, Math.min(400, 4e9 / shape.flops()));
                double[] t = new double[reps], cpu = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long c0 = cpuClock.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                    b.gemm();
                    t[i] = (System.nanoTime() - t0) * 1e-9;
                    cpu[i] = (cpuClock.getCurrentThreadCpuTime() - c0) * 1e-9;
                }
                Arrays.sort(t);
                Arrays.sort(cpu);
                double med = t[reps / 2];
                // with one thread the caller does all the work, and its CPU time ignores time lost to other processes
                System.out.printf(Locale.ROOT, "  %-42s %8.3f ms  %6.1f GFLOP/s  (calling thread CPU %8.3f ms, %6.1f GFLOP/s)%n",
                        shape.describe(), med * 1e3, shape.flops() / med * 1e-9, cpu[reps / 2] * 1e3, shape.flops() / cpu[reps / 2] * 1e-9);
            } finally {
                b.tearDown();
            }
        }
    }
}
