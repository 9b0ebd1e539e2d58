package dev.descent.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep on Spark's {@code local[2]} against the same sweep on descent's own threads. */
class LocalSparkSweepTest {

    /**
     * Successive halving (promoted trials continue a checkpoint that travels to the task and back), re-runs over two
     * seeds with the test set, untuned runs, and a diverging trial (lr 10 on the quadratic), on both problems kinds.
     */
    static String tinySweep(boolean mnist) {
        return """
                name: tiny
                problems: [%s"quadratic-deep(steps=90, eval_every=30)"]
                tuning:
                  method: grid
                  early_stopping: successive_halving
                  eta: 3
                  metric: loss
                  seeds: 2
                  common_lr: 0.01
                search:
                  lr: {low: 1e-3, high: 10, scale: log, points: 5}
                optimizers:
                  - name: sgd
                    optimizer: sgd
                  - name: adam
                    optimizer: adam
                """.formatted(mnist ? "\"mnist-logreg(steps=60, eval_every=20)\", " : "");
    }

    @Test
    void local2_givesTheLocalRunnersFilesAndNumbers_andResumesNothing(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("tiny.yaml");
        Files.writeString(file, tinySweep(Cli.mnist()));
        Cli.Result local = Cli.run("sweep", file.toString(), "--out", tmp.resolve("local").toString(), "--workers", "2", "--threads", "1");
        assertEquals(0, local.exit(), local.err());
        Cli.Result spark = Cli.run("sweep", file.toString(), "--out", tmp.resolve("spark").toString(), "--spark", "local[2]");
        assertEquals(0, spark.exit(), spark.err());
        assertTrue(spark.err().contains("Spark 4.2.0, master local[2]") && spark.err().contains("Spark UI: "), spark.err());
        assertTrue(spark.err().contains("diverged at step"), "the sweep has a diverging trial, a result like any other: " + spark.err());
        assertTrue(spark.err().matches("(?s).*\\[\\d+/\\d+ ETA [^]]+] .*"), "progress with an ETA: " + spark.err());
        Cli.assertSameNumbers(tmp.resolve("local"), tmp.resolve("spark"));
        assertFalse(Files.exists(tmp.resolve("spark").resolve("checkpoints")), "checkpoints are removed at the end, as locally");

        Cli.Result again = Cli.run("sweep", "--resume", tmp.resolve("spark").toString(), "--spark", "local[2]");
        assertEquals(0, again.exit(), again.err());
        assertFalse(again.err().contains("] "), "a finished sweep resumed on Spark runs no unit: " + again.err());
        Cli.assertSameNumbers(tmp.resolve("local"), tmp.resolve("spark"));
    }

    @Test
    void aBadMaster_isBadInputInOneLine(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("tiny.yaml");
        Files.writeString(file, tinySweep(false));
        Cli.Result r = Cli.run("sweep", file.toString(), "--out", tmp.resolve("x").toString(), "--spark", "nowhere://at-all");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("descent sweep: ") && r.err().contains("nowhere://at-all"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing is written when Spark cannot start");
    }
}
