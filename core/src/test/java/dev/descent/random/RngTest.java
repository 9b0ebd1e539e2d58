package dev.descent.random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Draws computed ahead equal the draws made in order; skipping lands where drawing would. */
class RngTest {

    @Test
    void floatAhead_isTheDrawThatManyStepsAway_andSkipLandsThere() {
        Rng ahead = Rng.derive(9, Rng.STREAM_DROPOUT, 17);
        Rng inOrder = Rng.derive(9, Rng.STREAM_DROPOUT, 17);
        float[] expected = new float[1000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = inOrder.nextFloat();
        }
        for (int i = expected.length - 1; i >= 0; i--) {  // any order: nothing is consumed
            assertEquals(expected[i], ahead.floatAhead(i), 0f, "draw " + i);
        }
        ahead.skip(expected.length);
        assertEquals(inOrder.nextLong(), ahead.nextLong());
    }

    @Test
    void nextLong_isTheKnownSplitMix64Sequence_andFloatAheadItsTop24Bits() {
        // SplitMix64 from state 0: first outputs 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4 (Vigna's reference generator)
        Rng r = new Rng(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        Rng f = new Rng(0);
        assertEquals((0xE220A8397B1DCDAFL >>> 40) * 0x1.0p-24f, f.floatAhead(0), 0f);
    }

    @Test
    void uniform24Below_splitsTheIntegersWhereTheFloatComparisonDoes() {
        // thresholds on the 2⁻²⁴ grid and between its points, tiny and next to 1
        for (float t : new float[] {0.5f, 0.3f, 0.8f, 0.1f, 1f, Math.nextDown(1f), 0x1.0p-24f, 0x1.8p-24f, 1e-9f, 0f}) {
            long b = Rng.uniform24Below(t);
            for (long k = Math.max(0, b - 2); k <= Math.min((1L << 24) - 1, b + 2); k++) {
                assertEquals(k * 0x1.0p-24f < t, k < b, "t=" + t + ", k=" + k);
            }
        }
    }
}
