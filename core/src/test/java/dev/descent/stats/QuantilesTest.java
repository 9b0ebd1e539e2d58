package dev.descent.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantilesTest {

    @Test
    void of_interpolatesBetweenOrderStatistics_likeNumPy() {
        // sorted 1, 2, 4, 8: h = 3p; p = 0.25 -> h 0.75 -> 1 + 0.75·1; p = 0.5 -> h 1.5 -> 2 + 0.5·2; p = 0.9 -> h 2.7 -> 4 + 0.7·4
        double[] v = {8, 1, 4, 2};
        assertArrayEquals(new double[] {1, 1.75, 3, 6.8, 8}, Quantiles.of(v, 0, 0.25, 0.5, 0.9, 1), 1e-12);
        assertArrayEquals(new double[] {8, 1, 4, 2}, v, 0, "the input is not modified");
    }

    @Test
    void median_ofOddAndEvenCounts_ignoringNonFinite() {
        assertEquals(3, Quantiles.median(5, 1, 3), 0);
        assertEquals(2.5, Quantiles.median(4, 1, 3, 2, Double.NaN), 0);
        assertEquals(7, Quantiles.median(7), 0);
        assertTrue(Double.isNaN(Quantiles.median()));
    }

    @Test
    void of_rejectsPOutsideZeroOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> Quantiles.of(new double[] {1}, 1.5));
        assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("1.5"), e.getMessage());
    }
}
