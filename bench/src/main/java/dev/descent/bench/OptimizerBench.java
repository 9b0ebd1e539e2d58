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

/**
 * One optimizer step over the reference CNN's 3,274,634 parameters, as one flat vector (no layout: LAMB and LARS
 * take one trust ratio over all of it, Adafactor keeps an unfactored second moment). Its rate is GB/s over the
 * bytes of {@link #ARRAYS}; the matrix rules on the CNN's layout are {@link MatrixOptimizerBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class OptimizerBench {
    public static final int PARAMS = 3_274_634;

    /**
     * Arrays streamed per step: params and grads read, params written, each state buffer read and written, and
     * each extra pass a rule makes over whole arrays:
     * LAMB moments and norms (g, θ, m, v read; m, v written), then the update (θ, m, v read; θ written);
     * LARS norms (θ, g), then momentum (θ, g, b read; θ, b written);
     * Schedule-Free SGD y, g, z, x read, y, z, x written; AdamW the same with v;
     * Prodigy d's sums and the moments (θ, g, θ₀, m, v, s read; m, v, s written), then the update (θ, m, v read; θ written);
     * Adafactor (unfactored) RMS(θ), then v and u (θ, g, v read; v, u written), RMS(u), then θ (θ, u read; θ written);
     * Lion θ, g, m read, θ, m written.
     */
    public static final Map<String, Integer> ARRAYS = Map.ofEntries(Map.entry("sgd", 3), Map.entry("momentum", 5),
            Map.entry("rmsprop", 5), Map.entry("adagrad", 5), Map.entry("adam", 7), Map.entry("lamb", 10), Map.entry("lars", 7),
            Map.entry("schedule_free_sgd", 7), Map.entry("schedule_free_adamw", 9), Map.entry("prodigy", 13),
            Map.entry("adafactor", 10), Map.entry("lion", 5));

    @Param({"adam", "sgd", "momentum", "rmsprop", "lamb", "lars", "schedule_free_sgd", "schedule_free_adamw", "prodigy", "adafactor", "lion"})
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
