package dev.descent.search;

import dev.descent.random.Rng;

/**
 * The Halton sequence (Halton 1960) in any number of dimensions, dimension {@code d} using the
 * {@code d}-th prime as base, optionally scrambled by random digit permutations (Matoušek 1998; Owen 2017,
 * "A randomized Halton algorithm in R"): in each dimension, digit position {@code k} of the radical inverse
 * goes through its own random permutation of {@code 0..b−1}, drawn from {@link Rng#derive} of the seed, the
 * dimension and the position. The permutations cover the first 53 bits' worth of digits, so a point is a sum
 * of finitely many terms and stays in [0, 1). Scrambling keeps the low discrepancy and removes the
 * correlations between large bases that make plain Halton poor beyond a few dimensions.
 *
 * <pre>{@code
 * Halton.radicalInverse(3, 2);                       // 0.75 (unscrambled, base 2)
 * Halton h = Halton.scrambled(4, 42);                // 4 dimensions, seed 42
 * double[] p = h.point(1);                           // first point, each coordinate in [0, 1)
 * }</pre>
 */
public final class Halton {

    private final int[] bases;
    /** perms[d][k][digit], or null when unscrambled. */
    private final int[][][] perms;

    private Halton(int dims, long seed, boolean scrambled) {
        if (dims < 1 || dims > 1000) {
            throw new IllegalArgumentException("Halton dimensions must be in [1, 1000], got " + dims);
        }
        bases = primes(dims);
        perms = scrambled ? new int[dims][][] : null;
        for (int d = 0; scrambled && d < dims; d++) {
            int b = bases[d];
            int digits = (int) Math.ceil(53 / (Math.log(b) / Math.log(2)));
            perms[d] = new int[digits][];
            for (int k = 0; k < digits; k++) {
                int[] p = new int[b];
                for (int j = 0; j < b; j++) {
                    p[j] = j;
                }
                Rng.derive(seed, Rng.STREAM_SEARCH, 1, d, k).shuffle(p);
                perms[d][k] = p;
            }
        }
    }

    /** The plain sequence in {@code dims} dimensions. */
    public static Halton plain(int dims) {
        return new Halton(dims, 0, false);
    }

    /** The sequence scrambled by random digit permutations drawn from {@code seed}. */
    public static Halton scrambled(int dims, long seed) {
        return new Halton(dims, seed, true);
    }

    /** The base-{@code b} radical inverse of {@code i}: its digits mirrored about the point (6 = 110₂ → 0.011₂). */
    public static double radicalInverse(long i, int b) {
        double x = 0, f = 1.0 / b;
        for (long n = i; n > 0; n /= b, f /= b) {
            x += (n % b) * f;
        }
        return x;
    }

    /** Point {@code i} (≥ 0; the plain sequence's point 0 is the origin, so samplers start at 1). */
    public double[] point(long i) {
        double[] out = new double[bases.length];
        for (int d = 0; d < bases.length; d++) {
            out[d] = perms == null ? radicalInverse(i, bases[d]) : scrambled(i, d);
        }
        return out;
    }

    private double scrambled(long i, int d) {
        int b = bases[d];
        int[][] p = perms[d];
        int[] digits = new int[p.length];
        long n = i;
        for (int k = 0; k < p.length; k++, n /= b) {
            digits[k] = p[k][(int) (n % b)];
        }
        double x = 0;
        for (int k = p.length - 1; k >= 0; k--) { // Horner from the smallest term: one rounding per digit
            x = (x + digits[k]) / b;
        }
        return Math.min(x, Math.nextDown(1.0));
    }

    /** The first {@code n} primes. */
    static int[] primes(int n) {
        int[] out = new int[n];
        int count = 0;
        for (int c = 2; count < n; c++) {
            boolean prime = true;
            for (int j = 0; j < count && out[j] * out[j] <= c; j++) {
                if (c % out[j] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                out[count++] = c;
            }
        }
        return out;
    }
}
