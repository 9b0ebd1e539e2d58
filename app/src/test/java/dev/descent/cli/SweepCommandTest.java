package dev.descent.cli;

import dev.descent.sweep.SweepFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code descent sweep} on the command line: help, refusals, and the same numbers whatever the workers and threads. */
class SweepCommandTest {

    static final String SWEEP = """
            name: tiny
            problems: ["mnist-logreg(steps=40, eval_every=10, validation=1000)"]
            tuning:
              early_stopping: successive_halving
              eta: 3
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
    void help_showsExamplesOptionsAndExitCodes() {
        CliRun.Result r = CliRun.run("sweep", "--help");
        assertEquals(0, r.exit(), r.err());
        for (String s : List.of("--preset", "--resume", "--workers", "--threads", "--data-dir", "--print", "Examples:",
                "descent sweep --resume", "Exit codes:")) {
            assertTrue(r.out().contains(s), s + " in " + r.out());
        }
    }

    @Test
    void neitherFileNorPreset_isBadInputNamingThePresets() {
        CliRun.Result r = CliRun.run("sweep");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--preset") && r.err().contains("fair-quick"), r.err());
    }

    @Test
    void zeroWorkers_isBadInputWithTheLimit() {
        CliRun.Result r = CliRun.run("sweep", "--preset", "fair-quick", "--workers", "0");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--workers must be between 1 and 256"), r.err());
    }

    @Test
    void spark_withoutTheSparkModule_isBadInputSayingHowToGetIt(@TempDir Path tmp) {
        CliRun.Result r = CliRun.run("sweep", "--preset", "fair-quick", "--spark", "local[2]", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("descent-spark") && r.err().contains("./descent") && r.err().contains("spark-submit"), r.err());
        assertFalse(java.nio.file.Files.exists(tmp.resolve("x")), "nothing is written");
    }

    @Test
    void resume_withSettingsOrAFile_isRefusedNamingThem(@TempDir Path tmp) {
        CliRun.Result withOut = CliRun.run("sweep", "--resume", tmp.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, withOut.exit(), withOut.err());
        assertTrue(withOut.err().contains("--out"), withOut.err());
        CliRun.Result withFile = CliRun.run("sweep", "x.yaml", "--resume", tmp.toString());
        assertEquals(2, withFile.exit(), withFile.err());
        assertTrue(withFile.err().contains("no FILE"), withFile.err());
    }

    @Test
    void resume_ofAFolderWithoutASweep_isRefused(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("study.yaml"), "name: s\n");
        CliRun.Result r = CliRun.run("sweep", "--resume", tmp.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("not a sweep results folder") && r.err().contains("descent study --resume"), r.err());
    }

    @Test
    void print_writesASweepFileThatReadsBackAsThePreset(@TempDir Path tmp) throws IOException {
        CliRun.Result r = CliRun.run("sweep", "--preset", "fair-quick", "--print");
        assertEquals(0, r.exit(), r.err());
        Path printed = Files.writeString(tmp.resolve("printed.yaml"), r.out());
        assertEquals(SweepFile.preset("fair-quick"), SweepFile.read(printed));
    }

    /**
     * One worker with one thread, two workers, and one worker with two threads: the same trials, rungs, choices and
     * re-run numbers. Then the finished folder's sweep.yaml is edited, and a resume refuses it.
     */
    @Test
    void workersAndThreads_giveTheSameNumbers_andAnEditedSweepIsNotResumed(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SWEEP);
        String[][] layouts = {{"1", "1"}, {"2", "1"}, {"1", "2"}};
        String trials = null, reruns = null;
        for (String[] wt : layouts) {
            Path dir = tmp.resolve("w" + wt[0] + "t" + wt[1]);
            CliRun.Result r = CliRun.run("sweep", file.toString(), "--data-dir", dataDir(), "--out", dir.toString(),
                    "--workers", wt[0], "--threads", wt[1]);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains(wt[0] + " worker") && r.err().contains("ETA"), r.err());
            String t = withoutSeconds(Files.readString(dir.resolve("trials.csv")));
            String rr = withoutSeconds(Files.readString(dir.resolve("reruns.csv")));
            if (trials == null) {
                trials = t;
                reruns = rr;
                // 3 lrs x 2 optimizers at rung 0 (13 steps), one each at rung 1 (40 steps)
                assertEquals(1 + 8, t.lines().count(), t);
                // 2 seeds + the untuned run, per optimizer
                assertEquals(1 + 6, rr.lines().count(), rr);
            } else {
                assertEquals(trials, t, String.join("x", wt));
                assertEquals(reruns, rr, String.join("x", wt));
            }
        }
        Path done = tmp.resolve("w1t1");
        Path yaml = done.resolve("sweep.yaml");
        String text = Files.readString(yaml);
        assertTrue(text.contains("0.1"), text);
        Files.writeString(yaml, text.replace("0.1", "0.2"));
        CliRun.Result r = CliRun.run("sweep", "--resume", done.toString(), "--data-dir", dataDir());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("cannot reuse") && r.err().contains("lr=0.1") && r.err().contains("lr=0.2"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    /** A table without the columns whose name holds "seconds". */
    static String withoutSeconds(String csv) {
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).split(",", -1);
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                if (!header[i].contains("seconds")) {
                    b.append(f[i]).append(',');
                }
            }
            b.append('\n');
        }
        return b.toString();
    }
}
