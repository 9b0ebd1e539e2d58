package dev.descent.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmaTest {

    @Test
    void debiased_matchesHandComputedBiasCorrectedValues() {
        // s = 0.5: m = 0.5, 1.25, 2.125; divided by 1 - 0.5^k = 0.5, 0.75, 0.875
        assertArrayEquals(new double[] {1, 1.25 / 0.75, 2.125 / 0.875}, Ema.debiased(new double[] {1, 2, 3}, 0.5), 1e-12);
    }

    @Test
    void debiased_constantStaysConstant_andZeroSmoothingIsIdentity() {
        assertArrayEquals(new double[] {4, 4, 4, 4}, Ema.debiased(new double[] {4, 4, 4, 4}, 0.9), 1e-12);
        double[] y = {3, -1, 7};
        assertArrayEquals(y, Ema.debiased(y, 0), 0);
    }

    @Test
    void debiased_passesNonFiniteThrough_withoutUpdating() {
        double[] r = Ema.debiased(new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY}, 0.5);
        assertEquals(1, r[0], 1e-12);
        assertTrue(Double.isNaN(r[1]));
        assertEquals((0.25 + 1.5) / 0.75, r[2], 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, r[3]);
    }

    @Test
    void debiased_rejectsSmoothingOutsideZeroOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> Ema.debiased(new double[1], 1));
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    }

    @Test
    void debiased_runningEqualsTheWholeCurveToTheBit() {
        double[] y = {2.3, 1.9, 2.2, Double.NaN, 1.4, 1.1, 0.9};
        double[] curve = Ema.debiased(y, 0.9);
        Ema running = Ema.debiased(0.9);
        for (int i = 0; i < y.length; i++) {
            assertEquals(curve[i], running.add(y[i]), 0);
        }
    }

    @Test
    void normalized_matchesHandComputedValues_andHoldsTheAverageThroughNaN() {
        // s = 0.5: m = 0.5, 1.25, (NaN skipped), 2.125; w = 0.5, 0.75, 0.875
        Ema e = Ema.normalized(0.5);
        assertEquals(1, e.add(1), 1e-12);
        assertEquals(1.25 / 0.75, e.add(2), 1e-12);
        assertEquals(1.25 / 0.75, e.add(Double.NaN), 1e-12);
        assertEquals(2.125 / 0.875, e.add(3), 1e-12);
        assertTrue(Double.isNaN(Ema.normalized(0.5).add(Double.NaN)), "before any finite value the value itself");
    }

    @Test
    void normalized_equalsDebiasedToRounding() {
        Ema a = Ema.debiased(0.9), b = Ema.normalized(0.9);
        for (int i = 0; i < 200; i++) {
            double y = 1 + Math.sin(i);
            assertEquals(a.add(y), b.add(y), 1e-12);
        }
    }

    @Test
    void seeded_startsAtTheFirstValue_thenWeighsNewValuesByAlpha() {
        Ema e = Ema.seeded(0.05);
        assertEquals(2, e.add(2), 0);
        assertEquals(0.95 * 2 + 0.05 * 4, e.add(4), 0);                    // 2.1
        assertEquals(0.95 * 2.1 + 0.05 * 0, e.add(0), 1e-15);              // 1.995
    }

    @Test
    void seeded_restartsAfterNaN() {
        Ema e = Ema.seeded(0.5);
        e.add(1);
        assertTrue(Double.isNaN(e.add(Double.NaN)));
        assertEquals(6, e.add(6), 0);
        assertEquals(7, e.add(8), 0);
    }

    @Test
    void seeded_rejectsAlphaOutsideZeroOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> Ema.seeded(-0.1));
        assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("-0.1"), e.getMessage());
    }
}
