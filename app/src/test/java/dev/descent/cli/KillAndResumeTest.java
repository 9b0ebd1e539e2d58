package dev.descent.cli;

import dev.descent.study.MetricsCsv;
import dev.descent.study.StudyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A study killed with SIGKILL (no shutdown hook runs) at several moments — during training, between runs, while
 * the report is written — leaves only whole files, and a resume (or {@code descent report}) ends with the same
 * numbers as a study that was never stopped; a resume while another process trains the folder is refused.
 */
class KillAndResumeTest {

    private static final String STUDY = """
            name: killed
            model: logreg
            steps: 300
            batch: 50
            eval_every: 100
            eval_examples: 500
            seeds: [1, 2]
            optimizers:
              - {name: sgd, optimizer: sgd, lr: 0.1}
              - {name: adam, optimizer: adam, lr: 0.01}
            """;

    @Test
    void killedAtAnyMoment_leavesWholeFilesAndResumesToTheSameNumbers(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("killed.yaml"), STUDY);
        Path reference = tmp.resolve("reference");
        CliRun.Result ref = CliRun.run("study", file.toString(), "--data-dir", TrainCommandTest.dataDir(), "--out", reference.toString());
        assertEquals(0, ref.exit(), ref.err());
        String expected = withoutSeconds(Files.readString(reference.resolve("metrics.csv")));

        List<String> moments = new ArrayList<>();
        record Moment(String name, Predicate<Path> when) {
        }
        for (Moment m : List.of(
                new Moment("during the first run", dir -> Files.isRegularFile(dir.resolve("study.yaml"))),
                new Moment("after the first run file", dir -> count(dir.resolve("runs"), ".csv") >= 1),
                new Moment("after three run files", dir -> count(dir.resolve("runs"), ".csv") >= 3),
                new Moment("while the report is written", dir -> count(dir.resolve("plots"), "") >= 1))) {
            Path dir = tmp.resolve("killed-" + moments.size());
            boolean killed = killWhen(file, dir, m.when());
            moments.add(m.name() + (killed ? "" : " (finished before the kill)"));
            assertWhole(dir);
            CliRun.Result resumed = CliRun.run("study", "--resume", dir.toString(), "--data-dir", TrainCommandTest.dataDir());
            assertEquals(0, resumed.exit(), m.name() + ": " + resumed.err());
            assertEquals(expected, withoutSeconds(Files.readString(dir.resolve("metrics.csv"))), m.name());
            assertWhole(dir);
            assertTrue(Files.isRegularFile(dir.resolve("report.html")), m.name());
        }
        System.out.println("killed: " + moments);
    }

    @Test
    void resume_whileAnotherProcessTrainsTheFolder_isRefusedNamingThatProcess(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("killed.yaml"), STUDY.replace("steps: 300", "steps: 100000"));
        Path dir = tmp.resolve("busy");
        Process other = start(file, dir);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.isRegularFile(dir.resolve("study.yaml")) && other.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(other.isAlive(), "the other study ended before the test could resume its folder");
            CliRun.Result second = CliRun.run("study", "--resume", dir.toString(), "--data-dir", TrainCommandTest.dataDir());
            assertEquals(1, second.exit(), second.err()); // not bad input: the folder is busy, the run cannot start
            assertTrue(second.err().contains("is in use by process " + other.pid()), second.err());
        } finally {
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts the study in another JVM and kills it (SIGKILL) once {@code when} holds; false if it ended first. */
    private static boolean killWhen(Path file, Path dir, Predicate<Path> when) throws Exception {
        Process p = start(file, dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (when.test(dir)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                return true;
            }
            Thread.sleep(5);
        }
        if (p.isAlive()) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            fail("the study neither reached the moment nor ended in 120 s");
        }
        return false;
    }

    /** {@code descent study FILE --out DIR} in another JVM, its output in {@code DIR.log}. */
    private static Process start(Path file, Path dir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "study", file.toString(), "--data-dir", TrainCommandTest.dataDir(), "--out", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile()).start();
    }

    /** Every file a reader can see is complete: CSVs read, pictures decode, SVGs parse, the study file reads. */
    private static void assertWhole(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // the lock, and temp files of the killed write (removed by the next open)
                }
                if (name.endsWith(".csv")) {
                    MetricsCsv.read(f);
                } else if (name.endsWith(".png")) {
                    assertNotNull(ImageIO.read(f.toFile()), f + " does not decode");
                } else if (name.endsWith(".svg")) {
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
                } else if (name.endsWith(".yaml")) {
                    StudyFile.read(f);
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

    private static String withoutSeconds(String csv) {
        StringBuilder b = new StringBuilder();
        for (String line : csv.lines().toList()) {
            String[] f = line.split(",", -1);
            f[6] = "";
            b.append(String.join(",", f)).append('\n');
        }
        return b.toString();
    }
}
