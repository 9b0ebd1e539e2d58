package dev.descent.report;

import dev.descent.sweep.SweepSummary;
import dev.descent.sweep.SweepSummary.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary's numbers against hand computation on {@link SweepFixtureTest}'s sweep, and its file round trip. */
class SweepSummaryTest {
    private static final double EPS = 1e-12;

    static SweepSummary summary() {
        return SweepReport.summarize(SweepFixtureTest.results());
    }

    @Test
    void measure_chosenConfiguration_pointLrAndOptimizerSpec() {
        SweepSummary s = summary();
        var c = s.result("p1", "momentum").chosen();
        assertEquals("point(lr=0.1, momentum=0.9)", c.point());
        assertEquals(0.1, c.lr());
        assertTrue(c.spec().startsWith("momentum(") && c.spec().contains("momentum=0.9"), c.spec());
        assertEquals(4, c.trial());
        assertEquals(1, c.rung());
        assertEquals(90, c.steps());
        assertNull(s.result("p2", "momentum").chosen(), "every trial diverged");
        assertEquals("accuracy", s.result("p1", "sgd").metric());
    }

    @Test
    void measure_reRunStatistics_matchHandComputation() {
        Result sgd = summary().result("p1", "sgd");
        // test accuracy 0.910, 0.912, 0.914: mean 0.912, sample std sqrt((0.002² + 0 + 0.002²) / 2) = 0.002
        assertEquals(0.912, sgd.tuned().testAccuracy().mean(), EPS);
        assertEquals(0.002, sgd.tuned().testAccuracy().std(), EPS);
        assertEquals(3, sgd.tuned().testAccuracy().n());
        assertEquals(0.902, sgd.tuned().validationAccuracy().mean(), EPS);   // validation = test - 0.01
        assertEquals(1 - 0.912, sgd.tuned().testLoss().mean(), EPS);
        // steps to target 90, 60, never: reached 2 of 3, mean 75, std sqrt(2 · 15² / 1) = 21.2132...
        assertEquals(2, sgd.tuned().reached());
        assertEquals(75, sgd.tuned().stepsToTarget().mean(), EPS);
        assertEquals(Math.sqrt(450), sgd.tuned().stepsToTarget().std(), EPS);
        assertEquals(0.75, sgd.tuned().secondsToTarget().mean(), EPS);
        assertEquals(0, sgd.tuned().diverged());
        // untuned momentum on p2: every seed diverged, no evaluation
        Result m2 = summary().result("p2", "momentum");
        assertEquals(3, m2.untuned().diverged());
        assertEquals(0, m2.untuned().testAccuracy().n());
        assertEquals(0, m2.tuned().seeds());
    }

    @Test
    void measure_tuningCost_matchesHandComputation() {
        var cost = summary().result("p1", "sgd").cost();
        assertEquals(4, cost.trials());
        assertEquals(2, cost.rungs());
        assertEquals(5, cost.evaluated());
        assertEquals(30 + 30 + 90 + 5, cost.steps());          // each trial's steps at its largest budget
        assertEquals(1 + 1 + 1 + 0.25 + 2, cost.cpuSeconds(), EPS);
        assertEquals(1.5 * 5.25, cost.wallSeconds(), EPS);
        assertEquals(1, cost.diverged());
        assertEquals(8, summary().result("p2", "momentum").cost().diverged());
    }

    @Test
    void measure_sensitivity_matchesHandComputation() {
        SweepSummary s = summary();
        var sgd = s.result("p1", "sgd").sensitivity();         // rung 0: .80 .87 .89 diverged; good ≥ .88: lr .1 only
        assertEquals(0.89, sgd.best(), EPS);
        assertEquals(1, sgd.good());
        assertEquals(0, sgd.decades(), EPS);
        assertEquals(30, sgd.steps());
        assertEquals(1, sgd.diverged());
        var adam = s.result("p1", "adam").sensitivity();       // .925 .93 .921 diverged; good ≥ .92: lr .001 … .1
        assertEquals(3, adam.good());
        assertEquals(0.001, adam.lrLow());
        assertEquals(0.1, adam.lrHigh());
        assertEquals(2, adam.decades(), EPS);
        var momentum = s.result("p1", "momentum").sensitivity(); // .95 best, good ≥ .94: lr .01 (m .99) and .1 (m .9)
        assertEquals(2, momentum.good());
        assertEquals(1, momentum.decades(), EPS);
        var none = s.result("p2", "momentum").sensitivity();
        assertTrue(Double.isNaN(none.best()) && Double.isNaN(none.decades()));
        assertEquals(8, none.diverged());
    }

    @Test
    void measure_performanceProfile_matchesHandComputation() {
        var prof = summary().profile();
        assertEquals(java.util.List.of("p1", "p2"), prof.problems());
        // p1: adam 40 steps (30, 30, 60) is fastest; momentum 60 → 1.5; sgd 75 (2 of 3 seeds) → 1.875
        // p2: adam 50/3; sgd reached on 1 of 3 seeds (not more than half) → never; momentum has no re-runs → never
        var sgd = prof.rows().get(0);
        var adam = prof.rows().get(1);
        var momentum = prof.rows().get(2);
        assertEquals(Arrays.asList(75.0, null), sgd.steps());
        assertEquals(Arrays.asList(1.875, null), sgd.ratios());
        assertEquals(Arrays.asList(1.0, 1.0), adam.ratios());
        assertEquals(50.0 / 3, adam.steps().get(1), EPS);
        assertEquals(Arrays.asList(1.5, null), momentum.ratios());
        assertEquals(1.0, prof.fraction("adam", 1));
        assertEquals(0.0, prof.fraction("sgd", 1.8));
        assertEquals(0.5, prof.fraction("sgd", 1.875));
        assertEquals(0.5, prof.fraction("sgd", 1e9), "never reaching is ∞: no τ counts it");
        assertEquals(0.0, prof.fraction("momentum", 1.49));
        assertEquals(0.5, prof.fraction("momentum", 1.5));
    }

    @Test
    void writeThenRead_givesTheSameSummary_andWritesTheSameTextAgain(@TempDir Path dir) throws Exception {
        SweepSummary s = summary();
        Path a = dir.resolve("a.json"), b = dir.resolve("b.json");
        s.write(a);
        SweepSummary back = SweepSummary.read(a);
        back.write(b);
        assertEquals(Files.readString(a), Files.readString(b));
        assertEquals(s.conclusion(), back.conclusion());
        assertEquals(s.settings(), back.settings());
        assertEquals(s.problems(), back.problems());
        assertEquals(s.optimizers(), back.optimizers());
        assertEquals(s.result("p1", "momentum").chosen(), back.result("p1", "momentum").chosen());
        assertEquals(s.result("p1", "sgd").cost(), back.result("p1", "sgd").cost());
        assertEquals(s.profile().rows().get(0), back.profile().rows().get(0));
        assertEquals(s.result("p1", "sgd").tuned().testAccuracy().mean(), back.result("p1", "sgd").tuned().testAccuracy().mean(), 1e-9);
        assertNull(back.result("p2", "momentum").chosen());
        String text = Files.readString(a);
        assertTrue(text.startsWith("{\n  \"format\": 1,\n  \"sweep\": \"fixture\",\n"), text);
        assertTrue(text.contains("\"early_stopping\": \"successive_halving(eta=3, min_steps=10)\""), text);
        assertTrue(text.contains("\"search\": \"space(lr=range(low=0.001, high=1, scale=log, points=4), momentum=[0.9, 0.99])\""), text);
    }

    @Test
    void read_refusesANewerFormat_andNamesAMissingField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("summary.json");
        summary().write(f);
        String text = Files.readString(f);
        Files.writeString(f, text.replace("\"format\": 1", "\"format\": 2"));
        var newer = assertThrows(IllegalArgumentException.class, () -> SweepSummary.read(f));
        assertTrue(newer.getMessage().contains("a newer descent wrote this file"), newer.getMessage());
        Files.writeString(f, text.replace("\"conclusion\":", "\"no_conclusion\":"));
        var missing = assertThrows(IllegalArgumentException.class, () -> SweepSummary.read(f));
        assertTrue(missing.getMessage().contains("conclusion is missing"), missing.getMessage());
    }
}
