package dev.descent.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code descent train} on runs that blow up: exit code 3, one line saying where and why, the guard's policies. */
class TrainDivergenceTest {

    private static CliRun.Result train(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("train", "--data-dir", TrainCommandTest.dataDir(), "--steps", "30", "--json"));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static String json(CliRun.Result r) {
        List<String> lines = r.out().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static List<String> divergenceLines(CliRun.Result r) {
        return r.err().lines().filter(l -> l.contains("diverged at") || l.contains("stopped at")).toList();
    }

    @Test
    void train_lossAboveTheLimit_exits3WithOneLine() {
        CliRun.Result r = train("--model", "mlp", "--optimizer", "sgd", "--lr", "1e6");
        assertEquals(3, r.exit(), r.err());
        assertEquals(List.of("diverged at step 2: the loss 3.78884e+11 is above 10 × the initial loss 2.26646 (limit 22.6646)"),
                divergenceLines(r), r.err());
        String json = json(r);
        assertTrue(json.contains("\"diverged\":true") && json.contains("\"diverged_at\":2") && json.contains("\"divergence\":\"above_limit\""), json);
        assertTrue(json.contains("\"steps\":2"), json);
    }

    @Test
    void train_divergenceFactorOff_onlyNonFiniteCounts() {
        CliRun.Result r = train("--model", "mlp", "--optimizer", "sgd", "--lr", "1e6", "--divergence-factor", "off");
        assertEquals(0, r.exit(), r.err());
        assertTrue(divergenceLines(r).isEmpty(), r.err());
        assertTrue(json(r).contains("\"diverged\":false") && !json(r).contains("diverged_at"), json(r));
    }

    @Test
    void train_statedFactor() {
        CliRun.Result r = train("--model", "mlp", "--optimizer", "sgd", "--lr", "3", "--divergence-factor", "100");
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, divergenceLines(r).size(), r.err());
        assertTrue(divergenceLines(r).get(0).startsWith("diverged at step 4: the loss 471.551 is above 100 × the initial loss"), r.err());
    }

    @Test
    void train_nonFiniteLoss_exits3() {
        CliRun.Result r = train("--model", "logreg", "--optimizer", "sgd", "--lr", "1e38");
        assertEquals(3, r.exit(), r.err());
        assertEquals(List.of("diverged at step 2: the loss became NaN"), divergenceLines(r), r.err());
        assertTrue(json(r).contains("\"divergence\":\"non_finite_loss\""), json(r));
    }

    @Test
    void train_guardStop_stopsWithItsReasonAndNoStackTrace() {
        CliRun.Result r = train("--model", "logreg", "--optimizer", "sgd(on_nonfinite=stop)", "--lr", "1e38");
        assertEquals(3, r.exit(), r.err());
        assertEquals(List.of("stopped at step 2 by on_nonfinite=stop: the loss is NaN"), divergenceLines(r), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void train_guardSkip_skipsAndFinishes() {
        CliRun.Result r = train("--model", "logreg", "--optimizer", "sgd(on_nonfinite=skip)", "--lr", "1e38");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("on_nonfinite=skip skipped 29 step(s) with a NaN or infinite loss or gradient, first at step 2"), r.err());
        String json = json(r);
        assertTrue(json.contains("\"steps\":30") && json.contains("\"skipped_steps\":29") && json.contains("\"diverged\":false"), json);
        double finalLoss = Double.parseDouble(json.replaceAll(".*\"final_loss\":([0-9.eE-]+).*", "$1"));
        assertEquals(2.376999361686582, finalLoss, 1e-8, "the final loss is the applied step's, not NaN");
    }

    @Test
    void train_badDivergenceFactor_exits2BeforeTraining() {
        for (String bad : List.of("1", "0.5", "ten", "Infinity")) {
            CliRun.Result r = CliRun.run("train", "--divergence-factor", bad, "--steps", "1");
            assertEquals(2, r.exit(), bad + ": " + r.err());
            assertTrue(r.err().contains("divergence factor must be a finite number > 1"), r.err());
        }
    }

    @Test
    void trainHelp_documentsTheExitCodes() {
        CliRun.Result r = CliRun.run("train", "--help");
        assertEquals(0, r.exit());
        for (String s : List.of("Exit codes:", "0   the run finished", "2   bad input", "3   the run diverged", "--divergence-factor")) {
            assertTrue(r.out().contains(s), s + " missing in\n" + r.out());
        }
    }
}
