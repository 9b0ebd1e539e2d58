package dev.descent.plot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeTest {

    @Test
    void of_bucketsOfThree_byHand() {
        // buckets {3, 1, NaN} {4, 1, 5} {9}: the NaN is skipped, the last bucket is shorter
        Envelope e = Envelope.of(new double[] {1, 2, 3, 4, 5, 6, 7}, new double[] {3, 1, Double.NaN, 4, 1, 5, 9}, 3);
        assertArrayEquals(new double[] {1, 3, 4, 6, 7, 7}, e.x());
        assertArrayEquals(new double[] {1, 1, 1, 1, 9, 9}, e.lo());
        assertArrayEquals(new double[] {3, 3, 5, 5, 9, 9}, e.hi());
    }

    @Test
    void of_aBucketWithoutFiniteValues_isNaN_andSizeOneKeepsEveryPoint() {
        Envelope e = Envelope.of(new double[] {10, 20, 30, 40}, new double[] {Double.NaN, Double.POSITIVE_INFINITY, 2, 0.5}, 2);
        assertArrayEquals(new double[] {10, 20, 30, 40}, e.x());
        assertTrue(Double.isNaN(e.lo()[0]) && Double.isNaN(e.hi()[1]));
        assertArrayEquals(new double[] {0.5, 0.5}, new double[] {e.lo()[2], e.lo()[3]});
        assertArrayEquals(new double[] {2, 2}, new double[] {e.hi()[2], e.hi()[3]});
        Envelope one = Envelope.of(new double[] {1, 2}, new double[] {5, 6}, 1);
        assertArrayEquals(new double[] {1, 1, 2, 2}, one.x());
        assertArrayEquals(new double[] {5, 5, 6, 6}, one.lo());
        assertArrayEquals(one.lo(), one.hi());
    }

    @Test
    void bucketSize_isTheCeilingOfNOverTheBuckets() {
        assertEquals(18, Envelope.bucketSize(7200, 400));   // the article preset: 7200 steps in 400 buckets of 18
        assertEquals(19, Envelope.bucketSize(7201, 400));
        assertEquals(1, Envelope.bucketSize(5, 400));
        assertEquals(1, Envelope.bucketSize(0, 400));
        assertEquals(400, Envelope.of(new double[7200], new double[7200], 18).x().length / 2);
    }

    @Test
    void badArguments_sayWhatIsAllowed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Envelope.of(new double[3], new double[2], 1));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Envelope.of(new double[3], new double[3], 0));
        assertTrue(e.getMessage().contains(">= 1, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Envelope.bucketSize(10, 0));
    }
}
