package dev.descent.report;

import dev.descent.stats.SampleStats;
import dev.descent.study.ConfigSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportConclusionTest {

    private static ConfigSummary config(String name, double[] smoothedLoss, double[] accuracy) {
        SampleStats none = SampleStats.of();
        return new ConfigSummary(name, smoothedLoss.length, SampleStats.of(accuracy), SampleStats.of(smoothedLoss),
                SampleStats.of(smoothedLoss), SampleStats.of(1, 1, 1), none, 0);
    }

    @Test
    void conclusion_aTenfoldGapIsNotChanceEvenWhenOneSeedBlowsTheSpreadUp() {
        // a: 0.01 on every seed; b: mean 0.5 but one seed far off, so its std (0.69) exceeds the gap (0.49)
        ConfigSummary a = config("a", new double[] {0.01, 0.01, 0.01}, new double[] {0.98, 0.98, 0.98});
        ConfigSummary b = config("b", new double[] {0.1, 0.1, 1.3}, new double[] {0.97, 0.96, 0.95});
        String c = Report.conclusion(List.of(a, b));
        assertTrue(c.startsWith("a reached the lowest final training loss (smoothed) (0.0100), ahead of b (0.5000); the gap (0.4900) is within"), c);
        assertTrue(c.contains("the means are 50 times apart, so the order is not chance"), c);
        assertFalse(c.substring(0, c.indexOf("a reached the best test accuracy")).contains("may be chance"), c);
    }

    @Test
    void conclusion_aSmallGapWithinTheSpreadMayBeChance() {
        ConfigSummary a = config("a", new double[] {0.10, 0.12, 0.14}, new double[] {0.98, 0.97, 0.99});
        ConfigSummary b = config("b", new double[] {0.11, 0.13, 0.15}, new double[] {0.97, 0.98, 0.99});
        assertTrue(Report.conclusion(List.of(a, b)).contains("(std 0.0200), so the order may be chance"));
    }

    @Test
    void conclusion_saysWhichFinalAccuraciesAreMissingInsteadOfComparingWithout() {
        ConfigSummary a = config("a", new double[] {0.2}, new double[] {0.9});
        ConfigSummary b = config("b", new double[] {0.1}, new double[] {Double.NaN});
        String c = Report.conclusion(List.of(a, b));
        assertTrue(c.contains("a reached the best test accuracy (0.9000)."), c);
        assertTrue(c.contains("The final test accuracy is missing from the results for b (1 of 1 run)"), c);
    }

    @Test
    void inStudyOrder_ordersRunsAsTheStudyDoesWhateverTheCsvOrder() {
        var spec = dev.descent.study.StudyText.parse("""
                name: order
                seeds: [2, 1]
                optimizers: [{name: sgd, optimizer: sgd, lr: 0.1}, {name: adam, optimizer: adam}]
                """);
        List<dev.descent.study.RunResult> shuffled = new java.util.ArrayList<>();
        for (String name : List.of("adam", "sgd")) {
            for (long seed : List.of(1L, 2L)) {
                shuffled.add(new dev.descent.study.RunResult(name, seed, List.of(new dev.descent.study.RunResult.Row(1, 2.3, 0.1, 1, 0.1, 2.2, 0.1)),
                        0.1, 2.2, false, -1, 0.1));
            }
        }
        assertEquals(List.of("sgd 2", "adam 2", "sgd 1", "adam 1"),
                Report.inStudyOrder(shuffled, spec).stream().map(r -> r.name() + " " + r.seed()).toList());
        assertEquals(List.of("adam 1", "sgd 1", "adam 2", "sgd 2"),
                Report.inStudyOrder(shuffled, null).stream().map(r -> r.name() + " " + r.seed()).toList(), "no study file: by seed, then first seen");
    }

    @Test
    void numbers_hugeAndTinyValuesKeepTheirMagnitudeAndTheTableItsWidth() {
        assertEquals("0.0912", Report.number(0.09124553578, 4));
        assertEquals("9.60e+22", Report.number(9.6e22, 4));
        assertEquals("-3.20e-07", Report.number(-3.2e-7, 4));
        assertEquals("0.0000", Report.number(0, 4));
        assertEquals("NaN", Report.number(Double.NaN, 4));
        assertEquals("Infinity", Report.number(Double.POSITIVE_INFINITY, 4));
        assertEquals("1.00e+23 ± 1.41e+22", Report.pm(SampleStats.of(9e22, 1.1e23), 4)); // std √((1e22)² · 2 / 1)
        assertEquals("–", Report.pm(SampleStats.of(), 4));
    }
}
