package dev.descent.report;

import dev.descent.stats.SampleStats;
import dev.descent.sweep.SweepSummary;
import dev.descent.sweep.SweepSummary.Cost;
import dev.descent.sweep.SweepSummary.Result;
import dev.descent.sweep.SweepSummary.Runs;
import dev.descent.sweep.SweepSummary.Sensitivity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conclusion's sentences for constructed cases, each number checked by hand. */
class SweepConclusionTest {

    private static List<String> paragraphs() {
        return SweepConclusion.paragraphs(SweepSummary.measure(SweepFixtureTest.results()));
    }

    @Test
    void winner_aLeadBeyondTheSeedSpread() {
        // p1: adam 0.950 0.952 0.954 (0.9520 ± 0.0020), momentum 0.940 0.945 0.950 (0.9450 ± 0.0050); gap 0.007 > 0.005
        String p1 = paragraphs().get(0);
        assertTrue(p1.startsWith("On p1, each optimizer tuned, adam wins with test accuracy 0.9520 ± 0.0020 over 3 seeds, ahead of "
                + "momentum (0.9450 ± 0.0050 over 3 seeds); the lead (0.0070) exceeds the seed spread (the larger std, 0.0050)."), p1);
    }

    @Test
    void winner_aLeadWithinTheSeedSpreadMayBeChance() {
        // p2: adam 0.935 0.945 0.955 (0.9450 ± 0.0100), sgd 0.930 0.940 0.950 (0.9400 ± 0.0100); gap 0.005 < 0.01
        String p2 = paragraphs().get(1);
        assertTrue(p2.startsWith("On p2, each optimizer tuned, adam wins with test accuracy 0.9450 ± 0.0100 over 3 seeds, ahead of sgd "
                + "(0.9400 ± 0.0100 over 3 seeds); the lead (0.0050) is within the seed spread (the larger std, 0.0100), so the order may be chance."), p2);
    }

    @Test
    void untuned_saysWhichOptimizersMovedWhenTuningChangesTheOrder() {
        // untuned at 0.01: momentum 0.962, adam 0.952, sgd 0.86; tuned: adam 0.952, momentum 0.945, sgd 0.912
        String p1 = paragraphs().get(0);
        assertTrue(p1.contains("At the common learning rate 0.01 (untuned) the order was momentum (0.9620), adam (0.9520), sgd (0.8600); "
                + "tuned it is adam (0.9520), momentum (0.9450), sgd (0.9120): adam rose from 2nd to 1st, momentum fell from 1st to 2nd."), p1);
    }

    @Test
    void untuned_anUnchangedOrder_withAnOptimizerThatDivergedOnEverySeed() {
        String p2 = paragraphs().get(1);
        assertTrue(p2.contains("Tuning leaves the order at the common learning rate 0.01 unchanged: adam (0.9100), sgd (0.8000), "
                + "momentum (no finite result)."), p2);
    }

    @Test
    void missing_anOptimizerWhoseEveryTrialDivergedIsNamed() {
        assertTrue(paragraphs().get(1).contains("Every tuning trial of momentum diverged: it has no configuration to re-run."));
        assertFalse(paragraphs().get(0).contains("Every tuning trial"));
    }

    @Test
    void sensitivity_namesTheNarrowestLearningRateRange() {
        // p1 widths: sgd 0 (only lr 0.1 within 0.01 of 0.89), adam 2 (0.001 … 0.1), momentum 1 (0.01 … 0.1); the others narrowest first
        assertTrue(paragraphs().get(0).contains("The most sensitive to its learning rate is sgd: its trials are within 0.01 of its best "
                + "validation accuracy at a single learning rate only (the width of the good learning rates: sgd 0.0, momentum 1.0, adam 2.0 "
                + "decades, measured at 30 steps, where every trial ran)."), paragraphs().get(0));
        // p2: adam 0 (only lr 0.01), sgd 1 (0.1 and 1); momentum has no finite trial and is left out
        assertTrue(paragraphs().get(1).contains("The most sensitive to its learning rate is adam: its trials are within 0.01 of its best "
                + "validation accuracy at a single learning rate only (the width of the good learning rates: adam 0.0, sgd 1.0 decades, "
                + "measured at 20 steps, where every trial ran)."),
                paragraphs().get(1));
    }

    @Test
    void profile_fastestAndNeverReached() {
        assertEquals(3, paragraphs().size());
        assertEquals("Over the 2 problems (performance profile, steps to the target), the fastest to the target is adam on 2 of 2. "
                + "Not reaching the target (on more than half of the seeds): sgd on 1, momentum on 1.", paragraphs().get(2));
    }

    @Test
    void oneProblemWithoutUntunedRuns_saysNeitherProfileNorUntunedOrder() {
        List<String> ps = SweepConclusion.paragraphs(SweepSummary.measure(SweepFixtureTest.results(false, false)));
        assertEquals(1, ps.size(), ps.toString());
        assertTrue(ps.get(0).startsWith("On p1, each optimizer tuned, adam wins"), ps.get(0));
        assertFalse(ps.get(0).contains("common learning rate"), ps.get(0));
    }

    // ------------------------------------------------ hand-built results

    private static Result result(String optimizer, double... testAccuracy) {
        SampleStats none = SampleStats.of();
        Runs runs = new Runs(testAccuracy.length, 0, SampleStats.of(testAccuracy), none, SampleStats.of(testAccuracy), none, 0, none, none);
        return new Result("p", optimizer, "accuracy", null, runs, null, new Cost(1, 1, 1, 10, 1, 1, 0),
                new Sensitivity(10, 1, 0, 0.9, 0.89, 1, Double.NaN, Double.NaN, Double.NaN));
    }

    @Test
    void winner_aClearWinnerBeyondTheSpread_handBuilt() {
        // a: 0.98 0.98 0.98 (std 0); b: 0.90 0.91 0.92 (std 0.01); gap 0.07 > 0.01
        String w = SweepConclusion.winner("p", List.of(result("b", 0.90, 0.91, 0.92), result("a", 0.98, 0.98, 0.98)));
        assertEquals("On p, each optimizer tuned, a wins with test accuracy 0.9800 ± 0.0000 over 3 seeds, ahead of b (0.9100 ± 0.0100 over 3 seeds); "
                + "the lead (0.0700) exceeds the seed spread (the larger std, 0.0100).", w);
    }

    @Test
    void winner_withOneSeedTheSpreadIsUnknown_andNoResultsMeansNoWinner() {
        String w = SweepConclusion.winner("p", List.of(result("a", 0.95), result("b", 0.96)));
        assertEquals("On p, each optimizer tuned, b wins with test accuracy 0.9600, ahead of a (0.9500); with one seed the seed spread is "
                + "unknown, so the lead (0.0100) may be chance.", w);
        assertEquals("On p no tuned optimizer has a finished re-run, so there is no winner.", SweepConclusion.winner("p", List.of(result("a"))));
        assertEquals("On p only a has tuned re-runs: test accuracy 0.9500.", SweepConclusion.winner("p", List.of(result("a", 0.95), result("b"))));
    }

    @Test
    void missing_anOptimizerWithoutTrialsIsNotCalledDiverged() {
        SampleStats none = SampleStats.of();
        Runs empty = new Runs(0, 0, none, none, none, none, 0, none, none);
        Result untried = new Result("p", "lion", "accuracy", null, empty, null, new Cost(0, 0, 0, 0, 0, 0, 0),
                new Sensitivity(0, 0, 0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN));
        List<String> said = SweepConclusion.missing(List.of(untried));
        assertEquals(List.of("lion has no tuning trials in the results."), said);
    }

    @Test
    void sensitivity_withoutALearningRateDimension_saysNothing() {
        assertEquals("", SweepConclusion.sensitivity(List.of(result("a", 0.9))));
    }

    @Test
    void words() {
        assertEquals("1st", SweepConclusion.ordinal(1));
        assertEquals("2nd", SweepConclusion.ordinal(2));
        assertEquals("3rd", SweepConclusion.ordinal(3));
        assertEquals("11th", SweepConclusion.ordinal(11));
        assertEquals("0.001", SweepConclusion.lr(0.001));
        assertEquals("3.16e-05", SweepConclusion.lr(3.16227766017e-5));
        assertEquals("0.0316", SweepConclusion.lr(0.0316227766017));
        assertEquals("1", SweepConclusion.lr(1));
        assertEquals("a, b and c", SweepConclusion.list(List.of("a", "b", "c")));
        assertEquals("0.8000 ± 0.0000", SweepConclusion.pm(new SampleStats(0.8, 1.36e-16, 0.8, 0.8, 3), 4), "agreeing seeds");
        assertEquals("3.20e-07 ± 1.00e-08", SweepConclusion.pm(new SampleStats(3.2e-7, 1e-8, 3.1e-7, 3.3e-7, 3), 4), "a tiny loss");
        assertEquals("0.9000", SweepConclusion.pm(SampleStats.of(0.9), 4));
        assertEquals("–", SweepConclusion.pm(SampleStats.of(), 4));
    }
}
