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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/** The fast backend's matrix multiply at each {@link GemmShape}; time per product. */
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
}
