package dev.descent.bench;

import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** One optimizer step over the reference CNN's 3,274,634 parameters. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class OptimizerBench {
    public static final int PARAMS = 3_274_634;

    /** Arrays streamed per step: params and grads read, params written, each state buffer read and written. */
    public static final Map<String, Integer> ARRAYS = Map.of("sgd", 3, "momentum", 5, "rmsprop", 5, "adagrad", 5, "adam", 7);

    @Param({"adam", "sgd", "momentum", "rmsprop"})
    public String optimizer;

    private Optimizer opt;
    private float[] params, grads;

    public static double bytesPerStep(String optimizer) {
        return 4.0 * PARAMS * ARRAYS.get(optimizer);
    }

    @Setup
    public void setup() {
        opt = Optimizers.parse(optimizer);
        Random r = new Random(3);
        params = new float[PARAMS];
        grads = new float[PARAMS];
        for (int i = 0; i < PARAMS; i++) {
            params[i] = r.nextFloat() - 0.5f;
            grads[i] = (r.nextFloat() - 0.5f) * 1e-3f;
        }
        opt.step(params, grads, 1e-3); // allocates the state outside the measurement
    }

    @Benchmark
    public float[] step() {
        opt.step(params, grads, 1e-3);
        return params;
    }
}
