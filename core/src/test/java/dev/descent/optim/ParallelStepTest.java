package dev.descent.optim;

import dev.descent.kernel.WorkerPool;
import dev.descent.random.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An update split over worker threads gives the very bits of the single-threaded update. */
class ParallelStepTest {

    static Stream<String> specs() {
        return Stream.concat(Optimizers.names().stream(), Stream.of("adam(clip_norm=0.5, on_nonfinite=skip)", "rmsprop(centered=true, momentum=0.9)"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void step_onWorkersMatchesOneThreadBitForBit(String spec) {
        int n = 300_001; // not a multiple of the vector width or the chunk size
        float[] p1 = new float[n], g = new float[n];
        Rng r = new Rng(1);
        for (int i = 0; i < n; i++) {
            p1[i] = (float) r.nextGaussian();
            g[i] = (float) r.nextGaussian() * 0.1f;
        }
        float[] p2 = p1.clone();
        Optimizer one = Optimizers.parse(spec), two = Optimizers.parse(spec);
        try (WorkerPool pool = new WorkerPool(3)) {
            two.useWorkers(pool);
            for (int t = 0; t < 3; t++) {
                one.step(p1, g.clone(), 0.01);
                two.step(p2, g.clone(), 0.01);
            }
            assertArrayEquals(p1, p2, spec);
            assertEquals(GlobalNorm.of(g), GlobalNorm.of(g, pool, new double[GlobalNorm.CHUNKS]), 1e-9 * GlobalNorm.of(g));
        }
    }
}
