package dev.descent.bench;

import dev.descent.init.Initializer;
import dev.descent.kernel.Backend;
import dev.descent.layer.Conv2d;
import dev.descent.layer.LayerContext;
import dev.descent.layer.Padding;
import dev.descent.layer.Shape;
import dev.descent.tensor.Parameters;
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

/** The reference CNN's convolution layers at batch 50, forward and backward (weights and data). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBench {
    public static final int BATCH = 50;

    @Param({"conv1", "conv2"})
    public String layer;

    @Param({"2"})
    public int threads;

    private Backend backend;
    private Conv2d conv;
    private LayerContext ctx;
    private float[] x, y, dy, dx;

    /** Multiply-adds ×2 of one forward pass of {@code layer} at batch 50 (backward is twice that). */
    public static double forwardFlops(String layer) {
        return layer.equals("conv1") ? 2.0 * BATCH * 784 * 25 * 32 : 2.0 * BATCH * 196 * 800 * 64;
    }

    @Setup
    public void setup() {
        backend = Backend.fast(threads);
        Shape in = layer.equals("conv1") ? new Shape(28, 28, 1) : new Shape(14, 14, 32);
        int out = layer.equals("conv1") ? 32 : 64;
        conv = new Conv2d(in, 5, 5, out, Padding.SAME, Initializer.heNormal(), 0.1f);
        Parameters.Builder pb = Parameters.builder();
        conv.declare(pb, layer + "/");
        Parameters p = pb.build();
        ctx = new LayerContext(backend);
        conv.bind(p, BATCH, ctx);
        conv.initialize(p.data(), 1);
        Random r = new Random(2);
        x = new float[BATCH * in.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        y = new float[BATCH * conv.outputShape().size()];
        dy = new float[y.length];
        for (int i = 0; i < dy.length; i++) {
            dy[i] = r.nextFloat() - 0.5f;
        }
        dx = new float[x.length];
        conv.forward(x, y, BATCH, ctx);
    }

    @TearDown
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public float[] forward() {
        conv.forward(x, y, BATCH, ctx);
        return y;
    }

    @Benchmark
    public float[] backward() {
        conv.backward(x, y, dy, layer.equals("conv1") ? null : dx, BATCH, ctx);
        return dx;
    }
}
