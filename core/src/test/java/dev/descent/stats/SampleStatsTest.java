package dev.descent.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleStatsTest {

    @Test
    void of_handComputedSample() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, sample variance 32/7
        SampleStats s = SampleStats.of(2, 4, 4, 4, 5, 5, 7, 9);
        assertEquals(5, s.mean(), 0);
        assertEquals(Math.sqrt(32.0 / 7), s.std(), 1e-15);
        assertEquals(2, s.min(), 0);
        assertEquals(9, s.max(), 0);
        assertEquals(8, s.n());
    }

    @Test
    void of_oneValueHasZeroStd_noneHasNaN() {
        assertEquals(new SampleStats(0.5, 0, 0.5, 0.5, 1), SampleStats.of(0.5));
        assertEquals(new SampleStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0), SampleStats.of());
    }

    @Test
    void of_leavesOutNonFiniteValues() {
        assertEquals(SampleStats.of(1, 3), SampleStats.of(1, Double.NaN, 3, Double.POSITIVE_INFINITY));
        assertEquals(2, SampleStats.of(1, Double.NaN, 3).n());
    }

    @Test
    void constructor_rejectsNegativeCount() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SampleStats(0, 0, 0, 0, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }
}
