package dev.descent.search;

import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HaltonTest {

    @Test
    void radicalInverse_base2And3_knownValues() {
        double[] base2 = {0, 1 / 2., 1 / 4., 3 / 4., 1 / 8., 5 / 8., 3 / 8., 7 / 8., 1 / 16.};
        for (int i = 0; i < base2.length; i++) {
            assertEquals(base2[i], Halton.radicalInverse(i, 2), 0.0, "base 2, index " + i);
        }
        double[] base3 = {0, 1 / 3., 2 / 3., 1 / 9., 4 / 9., 7 / 9., 2 / 9., 5 / 9., 8 / 9., 1 / 27.};
        for (int i = 0; i < base3.length; i++) {
            assertEquals(base3[i], Halton.radicalInverse(i, 3), 1e-15, "base 3, index " + i);
        }
    }

    @Test
    void plain_point_usesThePrimesInOrder() {
        assertArrayEquals(new double[]{1 / 2., 1 / 3., 1 / 5., 1 / 7.}, Halton.plain(4).point(1), 1e-15);
        assertArrayEquals(new double[]{3 / 4., 1 / 9., 3 / 5., 3 / 7.}, Halton.plain(4).point(3), 1e-15);
        assertArrayEquals(new int[]{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53}, Halton.primes(16));
    }

    @Test
    void scrambled_inUnitInterval_sameSeedSame_otherSeedDiffers() {
        Halton a = Halton.scrambled(20, 11), same = Halton.scrambled(20, 11), other = Halton.scrambled(20, 12);
        int equalCoordinates = 0;
        for (long i = 0; i < 2000; i++) {
            double[] p = a.point(i);
            assertArrayEquals(p, same.point(i), 0.0);
            double[] q = other.point(i);
            for (int d = 0; d < p.length; d++) {
                assertTrue(p[d] >= 0 && p[d] < 1, "point " + i + ", dimension " + d + ": " + p[d]);
                equalCoordinates += p[d] == q[d] ? 1 : 0;
            }
        }
        assertEquals(0, equalCoordinates);
    }

    @Test
    void scrambled_keepsTheStratification() {
        // digit permutations map the b^m first points to one point in each interval [j/b^m, (j+1)/b^m)
        Halton h = Halton.scrambled(2, 5);
        boolean[] sixteenths = new boolean[16], ninths = new boolean[9];
        for (long i = 0; i < 16; i++) {
            sixteenths[(int) (h.point(i)[0] * 16)] = true;
        }
        for (long i = 0; i < 9; i++) {
            ninths[(int) (h.point(i)[1] * 9)] = true;
        }
        for (boolean b : sixteenths) {
            assertTrue(b);
        }
        for (boolean b : ninths) {
            assertTrue(b);
        }
    }

    /** max over anchored boxes [0, a/32) × [0, b/32) of |fraction inside − area|: a lower bound of the star discrepancy. */
    static double boxDiscrepancy(double[][] pts) {
        double worst = 0;
        for (int a = 1; a <= 32; a++) {
            for (int b = 1; b <= 32; b++) {
                int in = 0;
                for (double[] p : pts) {
                    in += p[0] < a / 32.0 && p[1] < b / 32.0 ? 1 : 0;
                }
                worst = Math.max(worst, Math.abs((double) in / pts.length - a * b / 1024.0));
            }
        }
        return worst;
    }

    @Test
    void scrambled_hasLowerDiscrepancyThanRandom_in2D() {
        int n = 256;
        for (long seed = 1; seed <= 5; seed++) {
            Halton h = Halton.scrambled(2, seed);
            Rng rng = Rng.derive(seed, Rng.STREAM_SEARCH);
            double[][] quasi = new double[n][], random = new double[n][];
            for (int i = 0; i < n; i++) {
                quasi[i] = h.point(i + 1);
                random[i] = new double[]{rng.nextDouble(), rng.nextDouble()};
            }
            double dq = boxDiscrepancy(quasi), dr = boxDiscrepancy(random);
            assertTrue(dq < 0.02, "scrambled Halton, seed " + seed + ": " + dq);
            assertTrue(dq < dr / 2, "scrambled Halton vs random, seed " + seed + ": quasi " + dq + " vs random " + dr);
        }
    }
}
