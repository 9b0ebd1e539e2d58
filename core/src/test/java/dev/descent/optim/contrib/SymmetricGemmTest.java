package dev.descent.optim.contrib;

import dev.descent.kernel.Gemm;
import dev.descent.kernel.ReferenceGemm;
import dev.descent.kernel.VectorGemm;
import dev.descent.kernel.WorkerPool;
import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The upper-triangle products against the full product of the same GEMM, bit for bit, on every thread count. */
class SymmetricGemmTest {

    private static float[] random(int n, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Float.floatToRawIntBits(x[i]);
        }
        return b;
    }

    /** Xᵀ·X of a tall X (rows × n) and X·Xᵀ of a wide one (n × cols), each then squared: blocks, an edge block, mirrored. */
    @Test
    void product_gramAndSquare_equalTheFullProductBitForBit() {
        int n = 2 * SymmetricGemm.BLOCK + 37, k = 301;   // three row blocks, the last one short
        float[] x = random(k * n, 7);
        for (int threads : new int[] {1, 2, 3}) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                Gemm gemm = new VectorGemm(pool);
                // tall: X is k × n, A = Xᵀ·X
                float[] full = new float[n * n], sym = new float[n * n];
                gemm.gemm(true, false, n, n, k, x, 0, n, x, 0, n, full, 0, n, false);
                SymmetricGemm.product(gemm, true, false, n, k, x, 0, n, x, 0, n, sym, 0, n, false);
                assertArrayEquals(bits(full), bits(sym), "XᵀX, threads " + threads);
                // wide: X is n × k, A = X·Xᵀ
                gemm.gemm(false, true, n, n, k, x, 0, k, x, 0, k, full, 0, n, false);
                SymmetricGemm.product(gemm, false, true, n, k, x, 0, k, x, 0, k, sym, 0, n, false);
                assertArrayEquals(bits(full), bits(sym), "XXᵀ, threads " + threads);
                // A·A of the bitwise-symmetric A
                float[] a = full.clone(), square = new float[n * n];
                gemm.gemm(false, false, n, n, n, a, 0, n, a, 0, n, full, 0, n, false);
                SymmetricGemm.product(gemm, false, false, n, n, a, 0, n, a, 0, n, square, 0, n, false);
                assertArrayEquals(bits(full), bits(square), "A·A, threads " + threads);
            }
        }
    }

    /** Accumulating into a symmetric C, at an offset with a wider row stride, as SOAP's factor statistics do. */
    @Test
    void product_accumulateAtAnOffset_equalsTheFullProductAndLeavesTheRestAlone() {
        int n = 2 * SymmetricGemm.BLOCK + 5, k = 64, ldc = n + 3, off = 2 * ldc + 1;
        float[] x = random(n * k, 8);
        try (WorkerPool pool = new WorkerPool(2)) {
            Gemm gemm = new VectorGemm(pool);
            float[] full = new float[off + n * ldc], sym = new float[off + n * ldc];
            java.util.Arrays.fill(full, 5f);
            java.util.Arrays.fill(sym, 5f);
            for (int pass = 0; pass < 2; pass++) {
                gemm.gemm(false, true, n, n, k, x, 0, k, x, 0, k, full, off, ldc, true);
                SymmetricGemm.product(gemm, false, true, n, k, x, 0, k, x, 0, k, sym, off, ldc, true);
            }
            assertArrayEquals(bits(full), bits(sym));
            assertEquals(5f, sym[off - 1]);   // outside C
            assertEquals(5f, sym[off + n]);   // the row's padding
        }
    }

    /** Independent of VectorGemm: with the double-sum reference GEMM the product is X's Gram matrix to float precision. */
    @Test
    void product_referenceGemm_isTheGramMatrix() {
        int n = 2 * SymmetricGemm.BLOCK, k = 3;
        float[] x = random(k * n, 9), c = new float[n * n];
        SymmetricGemm.product(new ReferenceGemm(), true, false, n, k, x, 0, n, x, 0, n, c, 0, n, false);
        for (int i = 0; i < n; i += 17) {
            for (int j = 0; j < n; j += 13) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) x[p * n + i] * x[p * n + j];
                }
                assertEquals(s, c[i * n + j], 1e-5 * (1 + Math.abs(s)), i + "," + j);
            }
        }
        assertNotEquals(0f, c[n * n - 1]);
    }
}
