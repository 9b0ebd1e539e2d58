package dev.descent.train;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivergenceTest {

    @Test
    void test_nonFiniteAndAboveTheMultiple() {
        Divergence d = Divergence.DEFAULT;
        assertEquals(Divergence.Cause.NON_FINITE_LOSS, d.test(Double.NaN, 2.3));
        assertEquals(Divergence.Cause.NON_FINITE_LOSS, d.test(Double.POSITIVE_INFINITY, 2.3));
        assertEquals(Divergence.Cause.ABOVE_LIMIT, d.test(23.1, 2.3));
        assertNull(d.test(23.0, 2.3), "at the limit is not above it");
        assertNull(d.test(8.3, 3.39), "the CNN's early spike");
    }

    @Test
    void test_off_onlyNonFinite() {
        assertNull(Divergence.NON_FINITE_ONLY.test(9.6e22, 2.3));
        assertEquals(Divergence.Cause.NON_FINITE_LOSS, Divergence.NON_FINITE_ONLY.test(Double.NaN, 2.3));
        assertEquals(OptionalDouble.empty(), Divergence.NON_FINITE_ONLY.factor());
    }

    @Test
    void test_initialLossNotPositive_noMultiple() {
        assertNull(Divergence.DEFAULT.test(1e30, 0));
        assertNull(Divergence.DEFAULT.test(1e30, Double.NaN));
    }

    @Test
    void aboveInitial_rejectsFactorsThatAreNotFiniteAboveOne() {
        for (double bad : new double[] {1, 0.5, 0, -3, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Divergence.aboveInitial(bad));
            assertTrue(e.getMessage().startsWith("divergence factor must be a finite number > 1 (or off"), e.getMessage());
        }
    }

    @Test
    void parse_roundTripsWithToString() {
        assertSame(Divergence.NON_FINITE_ONLY, Divergence.parse(" OFF "));
        assertSame(Divergence.DEFAULT, Divergence.parse("10"));
        assertEquals("10", Divergence.DEFAULT.toString());
        assertEquals("2.5", Divergence.parse("2.5").toString());
        assertEquals(Divergence.parse("1e3"), Divergence.parse(Divergence.parse("1e3").toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Divergence.parse("ten"));
        assertEquals("divergence factor must be a finite number > 1, or off for non-finite losses only, got 'ten'", e.getMessage());
    }

    @Test
    void check_saysWhereAndWhy() {
        Divergence.Event e = Divergence.aboveInitial(4).check(7, 10.0, 2.0);
        assertEquals(new Divergence.Event(7, Divergence.Cause.ABOVE_LIMIT, 10.0, 8.0,
                "diverged at step 7: the loss 10.0000 is above 4 × the initial loss 2.00000 (limit 8.00000)"), e);
        assertNull(Divergence.DEFAULT.check(7, 10.0, 2.0));
    }
}
