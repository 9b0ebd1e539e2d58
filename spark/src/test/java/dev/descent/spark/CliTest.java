package dev.descent.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The folder comparison the Spark tests rest on: it ignores the seconds, and nothing else. */
class CliTest {
    static void folder(Path dir, String lossCsv, String json) throws IOException {
        Files.createDirectories(dir.resolve("trials"));
        Files.writeString(dir.resolve("trials.csv"), "problem,loss,wall_seconds\np,0.25," + lossCsv + "\n");
        Files.writeString(dir.resolve("trials").resolve("u.json"), json);
    }

    @Test
    void assertSameNumbers_ignoresSecondsOnly(@TempDir Path tmp) throws IOException {
        folder(tmp.resolve("a"), "1.5", "{\"outcome\": {\"loss\": 0.25, \"cpu_seconds\": 1.0}}");
        folder(tmp.resolve("b"), "9.5", "{\"outcome\": {\"loss\": 0.25, \"cpu_seconds\": 7.0}}");
        Cli.assertSameNumbers(tmp.resolve("a"), tmp.resolve("b"));

        folder(tmp.resolve("c"), "1.5", "{\"outcome\": {\"loss\": 0.2500000001, \"cpu_seconds\": 1.0}}");
        assertThrows(AssertionFailedError.class, () -> Cli.assertSameNumbers(tmp.resolve("a"), tmp.resolve("c")));
        Files.writeString(tmp.resolve("b").resolve("trials.csv"), "problem,loss,wall_seconds\np,0.26,1.5\n");
        assertThrows(AssertionFailedError.class, () -> Cli.assertSameNumbers(tmp.resolve("a"), tmp.resolve("b")));
        Files.writeString(tmp.resolve("a").resolve("extra.csv"), "x\n1\n");
        assertThrows(AssertionFailedError.class, () -> Cli.assertSameNumbers(tmp.resolve("a"), tmp.resolve("c")));
    }
}
