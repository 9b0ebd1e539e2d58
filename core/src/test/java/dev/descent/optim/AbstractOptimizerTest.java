package dev.descent.optim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every optimizer shares: no allocation in a step after the first. */
class AbstractOptimizerTest {

    static Stream<String> specs() {
        return OptimizerStateTest.specs();
    }

    /** After the first step, a step allocates nothing (measured per thread, over many steps). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void step_allocatesNothingAfterTheFirst(String spec) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        Optimizer o = Optimizers.parse(spec);
        float[] p = new float[4096], g = new float[4096];
        for (int i = 0; i < g.length; i++) {
            g[i] = (i % 7 - 3) * 0.01f;
        }
        for (int t = 0; t < 3000; t++) {
            o.step(p, g, 1e-4);     // warm up: allocate state, let the JIT compile
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int t = 0; t < 1000; t++) {
            o.step(p, g, 1e-4);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 1024, spec + ": allocated " + allocated + " bytes in 1000 steps");
    }
}
