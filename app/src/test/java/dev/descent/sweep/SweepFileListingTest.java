package dev.descent.sweep;

import dev.descent.cli.CliRun;
import dev.descent.problem.Problems;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code descent problems} and {@code descent presets} show what the sweep files can name. */
class SweepFileListingTest {

    @Test
    void problems_listsEveryProblemWithItsDefaults() {
        CliRun.Result r = CliRun.run("problems");
        assertEquals(0, r.exit(), r.err());
        for (String name : Problems.names()) {
            assertTrue(r.out().contains("\n" + name + " "), name + " missing from:\n" + r.out());
        }
        // mnist-cnn: dataset, model, batch 50, 1000 steps, eval every 100, TF1's split, target accuracy 0.98
        assertTrue(r.out().matches("(?s).*\nmnist-cnn +mnist +cnn +50 +1000 +100 +tf1 +accuracy 0\\.98\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\nquadratic-deep +\\(synthetic\\) +quadratic-deep +128 +1000 +50 +none +loss 93\\.0\n.*"), r.out());
        assertTrue(r.out().contains("keys a sweep file may override"), r.out());
        assertTrue(r.out().contains("  eval_every "), r.out());
    }

    @Test
    void problems_help_showsAnExample() {
        CliRun.Result r = CliRun.run("problems", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("problems: [mnist-cnn, \"mnist-logreg(steps=60, validation=1000)\"]"), r.out());
        assertTrue(r.out().contains("Exit codes:"), r.out());
    }

    @Test
    void presets_listsTheSweepPresets_andPrintsOneThatReadsBack() {
        CliRun.Result list = CliRun.run("presets");
        assertEquals(0, list.exit(), list.err());
        for (String p : SweepFile.PRESETS) {
            assertTrue(list.out().contains("  " + p + " "), p + " missing from:\n" + list.out());
        }
        assertTrue(list.out().contains("  reference "), "the study presets stay: " + list.out());
        CliRun.Result fair = CliRun.run("presets", "fair");
        assertEquals(0, fair.exit(), fair.err());
        assertEquals(SweepFile.preset("fair"), SweepFile.parse(new StringReader(fair.out()), "printed"));
        assertTrue(fair.out().contains("# measured:"), "the shipped text with its comments");
        assertEquals(2, CliRun.run("presets", "fast").exit());
    }
}
