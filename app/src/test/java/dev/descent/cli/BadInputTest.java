package dev.descent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on the command line: every one refused with exit code 2 and one line that names the limit, before any
 * file is made, and never a stack trace; a bug is one line and exit code 1.
 */
class BadInputTest {
    @TempDir
    Path tmp;

    private static void assertNoStackTrace(CliRun.Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in") || r.err().contains("Error:"), r.err());
    }

    private CliRun.Result refused(String expected, String... args) {
        CliRun.Result r = CliRun.run(args);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertNoStackTrace(r);
        return r;
    }

    /** Each count flag with a huge value: exit 2, the limit in the message, no output folder. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "train --steps 9999999999999 --model logreg                | --steps must be between 1 and 100000000 (per-step records are kept in memory), got 9999999999999",
            "train --threads 100000 --steps 1                          | --threads must be between 1 and 256",
            "train --steps 0                                           | --steps must be between 1 and 100000000",
            "study --preset quick --steps 9999999999999 --out OUT      | --steps must be between 1 and 100000000",
            "study --preset quick --seeds 1000000000000 --out OUT      | --seeds must be a count between 1 and 1000",
            "study --preset quick --eval-every 9999999999999 --out OUT | --eval-every must be between 1 and 100000000",
            "study --preset quick --threads 100000 --out OUT           | --threads must be between 1 and 256",
            "study --preset quick --epochs -1 --out OUT                | --epochs must be a finite number > 0 (e.g. 3 or 0.5), got -1",
            "study --preset quick --epochs NaN --out OUT               | --epochs must be a finite number > 0",
            "study --preset quick --epochs 1e12 --out OUT              | --epochs must be at most 100000000 (every epoch is at least one step",
            "study --preset quick --batch 0 --out OUT                  | --batch must be between 1 and",
            "landscape --steps 2000000000 --out OUT                    | --steps must be between 1 and 1000000",
            "bench --threads 100000                                    | --threads must be between 1 and 256"})
    void hugeCount_isRefusedBeforeAnythingIsMade(String command, String expected) {
        Path out = tmp.resolve("out");
        refused(expected, command.replace("OUT", out.toString()).split(" +"));
        assertFalse(Files.exists(out), "nothing may be made: " + out);
    }

    @Test
    void seedsListOfAMillion_isRefusedBeforeItIsBuilt() {
        refused("--seeds lists 1000001 seeds; at most 1000", "study", "--preset", "quick", "--seeds", ",".repeat(1_000_000), "--out",
                tmp.resolve("out").toString());
    }

    @Test
    void batchLargerThanTheDataset_isRefusedBeforeTheResultsFolderExists() {
        Path out = tmp.resolve("out");
        refused("batch must be between 1 and 60000 (the training set has 60000 examples), got 70000", "study", "--preset", "quick",
                "--batch", "70000", "--data-dir", TrainCommandTest.dataDir(), "--out", out.toString());
        assertFalse(Files.exists(out), "no half-made results folder");
        refused("--batch must be between 1 and 60000", "train", "--batch", "2000000000", "--model", "logreg", "--steps", "1",
                "--data-dir", TrainCommandTest.dataDir());
        // the CNN's largest per-example array (conv1's output) allows 85598 examples (LimitsTest), more than MNIST has
        refused("--batch must be between 1 and 60000", "train", "--batch", "70000", "--steps", "1", "--data-dir", TrainCommandTest.dataDir());
    }

    @Test
    void epochsThatAreTooManySteps_areRefusedBeforeTheResultsFolderExists() {
        Path out = tmp.resolve("out");
        refused("are 12000000000 steps; at most 100000000", "study", "--preset", "quick", "--epochs", "1e7", "--batch", "50",
                "--data-dir", TrainCommandTest.dataDir(), "--out", out.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void studyFileKeyTooLarge_isRefusedBeforeTheResultsFolderExists() throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, "name: s\nsteps: 9999999999999\noptimizers:\n  - optimizer: sgd\n");
        Path out = tmp.resolve("out");
        refused("steps = 9999999999999 is not allowed; expected a whole number between 1 and 100000000", "study", file.toString(),
                "--out", out.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void unwritableCsv_failsBeforeTraining() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun.Result r = refused("cannot write " + file.resolve("losses.csv"), "train", "--csv", file.resolve("losses.csv").toString(),
                "--model", "logreg", "--steps", "1", "--data-dir", tmp.resolve("no-data").toString());
        assertFalse(r.err().contains("mnist"), "refused before the data is looked for: " + r.err());
        assertFalse(r.out().contains("test accuracy"), r.out());
        refused("it is a folder", "train", "--csv", tmp.toString(), "--steps", "1");
    }

    @Test
    void unwritableOut_namesThePathWithoutAStackTrace() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        refused(file.resolve("x").toString(), "landscape", "--steps", "2", "--optimizer", "sgd(lr=0.01)", "--out", file.resolve("x").toString());
    }

    @Test
    void outUnderAFile_isRefusedBeforeTheDataIsRead() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        refused("cannot write " + file.resolve("x/study.yaml") + ": " + file + " is a file, not a folder", "study", "--preset", "quick",
                "--data-dir", TrainCommandTest.dataDir(), "--out", file.resolve("x").toString());
    }

    @Test
    void emptyPath_isRefusedInsteadOfMeaningTheCurrentFolder() {
        refused("Invalid value for option '--out': a path must not be empty", "study", "--preset", "quick", "--out", "");
        refused("a path must not be empty", "train", "--csv", "", "--steps", "1");
        refused("a path must not be empty", "report", "");
    }

    @Test
    void galleryWithStepsOrSeed_isRefused() {
        refused("--gallery renders a fixed set of pictures and takes only --out; got --steps, --seed", "landscape", "--gallery",
                "--steps", "5", "--seed", "2", "--out", tmp.resolve("g").toString());
        assertFalse(Files.exists(tmp.resolve("g")));
    }

    @Test
    void usageErrors_exitWith2() {
        assertEquals(2, CliRun.run("train", "--no-such-option").exit());
        assertEquals(2, CliRun.run("train", "--steps", "many").exit());
        assertEquals(2, CliRun.run("train", "--batch", "99999999999").exit());
        assertEquals(2, CliRun.run("no-such-command").exit());
        assertEquals(2, CliRun.run("report").exit());
    }

    @Test
    void help_listsTheExitCodes_ofEveryCommand() {
        for (String command : List.of("", "train", "study", "landscape", "report", "bench", "optimizers", "presets")) {
            List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command));
            args.add("--help");
            CliRun.Result r = CliRun.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), command);
            for (String code : List.of("Exit codes:", " 0 ", " 1 ", " 2 ", " 3 ", "bad input")) {
                assertTrue(r.out().contains(code), command + " --help lacks '" + code + "': " + r.out());
            }
        }
    }

    @Command(name = "boom")
    static final class Boom implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void internalError_isOneLineWithoutAStackTrace_andExits1() {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("boom", new Boom());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("boom");
        assertEquals(1, code);
        String m = err.toString();
        assertTrue(m.startsWith("descent boom: internal error") && m.contains("java.lang.IllegalStateException: a bug")
                && m.contains("DESCENT_DEBUG=1"), m);
        assertEquals(1, m.strip().lines().count(), m);
    }
}
