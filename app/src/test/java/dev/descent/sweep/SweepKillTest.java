package dev.descent.sweep;

import dev.descent.cli.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.cli.Main;
import dev.descent.io.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A sweep killed with SIGKILL (no shutdown hook runs) in a rung, between rungs while a checkpoint waits, during the
 * re-runs and while the report is written, then resumed: every trial, rung and re-run is there exactly once, and the
 * tables and {@code summary.json} hold the numbers of a sweep that was never stopped (times aside). Real MNIST: a tiny logistic regression, two optimizers ×
 * three learning rates, successive halving with η = 2 (rungs of 20 and 40 steps), two seeds, the untuned rate.
 */
class SweepKillTest {

    static final String SWEEP = """
            name: killed
            problems: ["mnist-logreg(steps=40, eval_every=10, validation=1000)"]
            tuning:
              early_stopping: successive_halving
              eta: 2
              min_steps: 10
              seeds: [1, 2]
              common_lr: 0.01
            search:
              lr: [0.01, 0.1, 1]
            optimizers:
              - name: sgd
                optimizer: sgd
              - name: adam
                optimizer: adam
            """;

    static String dataDir() {
        String dir = System.getenv("DESCENT_DATA");
        Assumptions.assumeTrue(dir != null && !dir.isBlank(), "DESCENT_DATA not set");
        return dir;
    }

    @Test
    void killedAtAnyMoment_resumesToTheSameNumbers_eachUnitOnce(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("killed.yaml"), SWEEP);
        Path reference = tmp.resolve("reference");
        CliRun.Result ref = CliRun.run("sweep", file.toString(), "--data-dir", dataDir(), "--out", reference.toString());
        assertEquals(0, ref.exit(), ref.err());

        record Moment(String name, Predicate<Path> when) {
        }
        List<String> moments = new ArrayList<>();
        for (Moment m : List.of(
                new Moment("during rung 0", dir -> count(dir.resolve("trials"), ".json") >= 2),
                new Moment("while a checkpoint waits for rung 1", dir -> count(dir.resolve("checkpoints"), ".ckpt") >= 1),
                new Moment("during the re-runs", dir -> count(dir.resolve("reruns"), ".json") >= 1),
                new Moment("while the report is written", dir -> count(dir.resolve("plots"), "") >= 1))) {
            Path dir = tmp.resolve("killed-" + moments.size());
            boolean killed = killWhen(file, dir, m.when());
            moments.add(m.name() + (killed ? "" : " (finished before the kill)"));
            assertWhole(dir);
            CliRun.Result resumed = CliRun.run("sweep", "--resume", dir.toString(), "--data-dir", dataDir());
            assertEquals(0, resumed.exit(), m.name() + ": " + resumed.err());
            for (String table : List.of(SweepFolder.TRIALS_CSV, SweepFolder.RERUNS_CSV)) {
                assertEquals(SweepRunnerTest.withoutSeconds(Files.readString(reference.resolve(table))),
                        SweepRunnerTest.withoutSeconds(Files.readString(dir.resolve(table))), m.name() + ": " + table);
            }
            assertEquals(withoutSeconds(Json.readTree(reference.resolve("summary.json"))), withoutSeconds(Json.readTree(dir.resolve("summary.json"))),
                    m.name() + ": summary.json");
            assertOncePerUnit(dir.resolve(SweepFolder.TRIALS_CSV), 4);
            assertOncePerUnit(dir.resolve(SweepFolder.RERUNS_CSV), 4);
            assertEquals(files(reference), files(dir), m.name());
            assertTrue(Files.isRegularFile(dir.resolve("report.html")), m.name());
            assertWhole(dir);
        }
        System.out.println("killed: " + moments);
    }

    /** {@code summary.json} without the fields that measure time ({@code cpu_seconds}, {@code seconds_to_target}, ...). */
    private static JsonNode withoutSeconds(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            names.stream().filter(n -> n.contains("seconds")).forEach(o::remove);
            o.forEach(SweepKillTest::withoutSeconds);
        } else if (node instanceof ArrayNode a) {
            a.forEach(SweepKillTest::withoutSeconds);
        }
        return node;
    }

    /** No two rows of a table share their key columns (the first {@code keys}). */
    private static void assertOncePerUnit(Path table, int keys) throws IOException {
        Set<String> seen = new HashSet<>();
        for (String line : Files.readAllLines(table)) {
            String[] f = line.split(",", -1);
            assertTrue(seen.add(String.join(",", List.of(f).subList(0, keys))), table + " repeats " + line);
        }
    }

    /** The unit files of a folder, by name. */
    private static Set<String> files(Path dir) throws IOException {
        Set<String> names = new HashSet<>();
        for (String sub : List.of(SweepFolder.TRIALS, SweepFolder.RERUNS, SweepFolder.CHECKPOINTS)) {
            if (Files.isDirectory(dir.resolve(sub))) {
                try (Stream<Path> s = Files.list(dir.resolve(sub))) {
                    s.filter(f -> !f.getFileName().toString().startsWith(".")).forEach(f -> names.add(sub + "/" + f.getFileName()));
                }
            }
        }
        return names;
    }

    /** Starts the sweep in another JVM and kills it (SIGKILL) once {@code when} holds; false if it ended first. */
    private static boolean killWhen(Path file, Path dir, Predicate<Path> when) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "sweep", file.toString(), "--data-dir", dataDir(), "--out", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (when.test(dir)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                return true;
            }
            Thread.sleep(2);
        }
        if (p.isAlive()) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            fail("the sweep neither reached the moment nor ended in 180 s");
        }
        return false;
    }

    /** Every file a reader can see is complete: unit CSVs read, JSON records close, the sweep file reads. */
    private static void assertWhole(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // the lock, and temp files of the killed write (removed by the next open)
                }
                if (name.endsWith(".csv") && (f.getParent().endsWith(SweepFolder.TRIALS) || f.getParent().endsWith(SweepFolder.RERUNS))) {
                    assertTrue(SweepFolder.parseRows(f).size() >= 1, f + " is empty");
                } else if (name.endsWith(".csv")) {
                    String text = Files.readString(f);
                    assertTrue(text.endsWith("\n") && text.lines().allMatch(l -> l.split(",", -1).length == text.lines().findFirst().orElseThrow().split(",", -1).length),
                            f + " is cut short");
                } else if (name.endsWith(".yaml")) {
                    SweepFile.read(f);
                } else if (name.endsWith(".json")) {
                    assertTrue(Files.readString(f).strip().endsWith("}"), f + " is cut short");
                } else if (name.endsWith(".html")) {
                    assertTrue(Files.readString(f).strip().endsWith("</html>"), f + " is cut short");
                }
            }
        }
    }

    private static long count(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".") && f.toString().endsWith(suffix)).count();
        } catch (IOException e) {
            return 0; // the folder changes under us; look again
        }
    }
}
