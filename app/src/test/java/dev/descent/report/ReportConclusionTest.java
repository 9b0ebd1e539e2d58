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
