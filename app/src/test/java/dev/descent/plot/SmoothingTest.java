package dev.descent.plot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmoothingTest {

    @Test
    void ema_matchesHandComputedBiasCorrectedValues() {
        // s = 0.5: m = 0.5, 1.25, 2.125; divided by 1 - 0.5^k = 0.5, 0.75, 0.875
        assertArrayEquals(new double[] {1, 1.25 / 0.75, 2.125 / 0.875}, Smoothing.ema(new double[] {1, 2, 3}, 0.5), 1e-12);
    }

    @Test
    void ema_constantStaysConstant_andZeroSmoothingIsIdentity() {
        assertArrayEquals(new double[] {4, 4, 4, 4}, Smoothing.ema(new double[] {4, 4, 4, 4}, 0.9), 1e-12);
        double[] y = {3, -1, 7};
        assertArrayEquals(y, Smoothing.ema(y, 0), 0);
    }

    @Test
    void ema_passesNonFiniteThrough_withoutUpdating() {
        double[] r = Smoothing.ema(new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY}, 0.5);
        assertEquals(1, r[0], 1e-12);
        assertTrue(Double.isNaN(r[1]));
        assertEquals((0.25 + 1.5) / 0.75, r[2], 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, r[3]);
    }

    @Test
    void ema_rejectsSmoothingOutsideZeroOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> Smoothing.ema(new double[1], 1));
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    }

    @Test
    void seedStats_handleRunsOfDifferentLengths_andNaN() {
        SeedStats s = SeedStats.of(new double[] {1, 2, 3}, new double[] {3, 4}, new double[] {5, Double.NaN, 7});
        assertArrayEquals(new double[] {3, 3, 5}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, s.min(), 0);
        assertArrayEquals(new double[] {5, 4, 7}, s.max(), 0);
        assertArrayEquals(new int[] {3, 2, 2}, s.count());
        assertEquals(2, s.std()[0], 1e-12);                 // sample std of 1, 3, 5
        assertEquals(Math.sqrt(2), s.std()[1], 1e-12);      // of 2, 4
        assertEquals(1, s.truncate(3).length());
        assertArrayEquals(new double[] {1, 3 - Math.sqrt(2), 5 - 2 * Math.sqrt(2)}, s.meanMinusStd(), 1e-12);
    }
}
