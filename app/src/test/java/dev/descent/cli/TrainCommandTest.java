package dev.descent.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class TrainCommandTest {

    /** Exit code, standard output and errors of one command-line run. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        dev.descent.cli.CliRun.Result r = dev.descent.cli.CliRun.run(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    static String dataDir() {
        String dir = System.getenv("DESCENT_DATA");
        if ((dir == null || dir.isBlank()) && "true".equals(System.getenv("CI"))) {
            fail("DESCENT_DATA must be set on CI");
        }
        Assumptions.assumeTrue(dir != null && !dir.isBlank(), "DESCENT_DATA not set");
        return dir;
    }

    @Test
    void help_listsTheTrainCommand() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("train"), r.out());
    }

    @Test
    void train_printsJsonLastLineAndWritesCsv(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("out/losses.csv");
        Run r = run("train", "--data-dir", dataDir(), "--model", "logreg", "--optimizer", "sgd", "--lr", "0.5",
                "--steps", "60", "--batch", "100", "--seed", "2", "--csv", csv.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        String json = lines.get(lines.size() - 1);
        for (String key : List.of("\"test_accuracy\":", "\"final_loss\":", "\"steps\":60", "\"batch\":100",
                "\"train_seconds\":", "\"images_per_second\":")) {
            assertTrue(json.contains(key), key + " missing in " + json);
        }
        double acc = Double.parseDouble(json.replaceAll(".*\"test_accuracy\":([0-9.eE-]+).*", "$1"));
        assertTrue(acc > 0.8, "logistic regression after 60 steps: accuracy " + acc);
        List<String> rows = Files.readAllLines(csv);
        assertEquals("step,loss", rows.get(0));
        assertEquals(61, rows.size());
        assertTrue(rows.get(60).startsWith("60,"));
    }

    static java.util.stream.Stream<String> optimizerNames() {
        return dev.descent.optim.Optimizers.names().stream();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("optimizerNames")
    void train_worksWithEveryRegisteredOptimizer(String name) {
        Run r = run("train", "--data-dir", dataDir(), "--model", "logreg", "--optimizer", name, "--lr", "0.01",
                "--steps", "20", "--batch", "50", "--json");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        String json = lines.get(lines.size() - 1);
        assertTrue(json.contains("\"diverged\":false"), json);
        double acc = Double.parseDouble(json.replaceAll(".*\"test_accuracy\":([0-9.eE-]+).*", "$1"));
        assertTrue(acc > 0.1, name + ": accuracy " + acc + " after 20 steps is no better than chance");
    }

    @Test
    void train_unknownOptimizerSaysWhatIsKnown() {
        Run r = run("train", "--optimizer", "adamm", "--steps", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("adamm") && r.err().contains("adam"), r.err());
    }

    @Test
    void train_unknownDatasetSaysWhatIsKnown() {
        Run r = run("train", "--dataset", "cifar", "--steps", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("cifar") && r.err().contains("mnist"), r.err());
    }
}
