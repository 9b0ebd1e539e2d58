package dev.descent.kernel;

import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The reference multiply on a hand-computed product; the fast kernels are held against it in {@link VectorGemmTest}. */
class GemmTest {
    static float[] random(int n, long seed) {
        Rng r = new Rng(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void reference_matchesHandComputedProduct() {
        float[] a = {1, 2, 3, 4, 5, 6};      // 2x3
        float[] b = {7, 8, 9, 10, 11, 12};   // 3x2
        float[] c = new float[4];
        new ReferenceGemm().multiply(2, 2, 3, a, b, c);
        assertArrayEquals(new float[]{58, 64, 139, 154}, c);
    }
}
