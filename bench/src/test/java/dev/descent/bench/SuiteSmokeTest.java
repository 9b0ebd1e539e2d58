package dev.descent.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CI runs no long benchmark, only this: each kind of benchmark once, briefly, in this JVM. */
class SuiteSmokeTest {

    @Test
    void suite_runsAndReportsEveryKernelAgainstItsCeiling() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<String> lines = Suite.run(new PrintStream(buf, true, StandardCharsets.UTF_8), 2,
                "GemmBench.*|ConvBench.*|OptimizerBench.*", true);
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("ceilings: FMA"), out);
        // 10 GEMM shapes + 2 layers x (forward, backward) + 11 optimizers, plus the header
        assertEquals(1 + 10 + 4 + 11, lines.size(), String.join("\n", lines));
        for (String l : lines.subList(1, lines.size())) {
            assertTrue(l.matches(".*\\d+%$"), l);
        }
    }
}
