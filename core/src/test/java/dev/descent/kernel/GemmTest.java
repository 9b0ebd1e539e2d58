package dev.descent.kernel;

import dev.descent.random.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GemmTest {
    private static final WorkerPool POOL2 = new WorkerPool(2);
    private static final WorkerPool POOL1 = new WorkerPool(1);

    @AfterAll
    static void close() {
        POOL2.close();
        POOL1.close();
    }

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

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4} acc={5}")
    @CsvSource({
            "1,1,1,false,false,false", "1,17,5,false,false,false", "17,1,5,true,false,true",
            "7,13,300,false,true,false", "33,65,257,true,true,true", "50,1024,3136,false,false,false",
            "25,32,600,true,false,false", "600,25,32,false,true,true", "5,700,3,true,true,false"})
    void blocked_matchesReference(int m, int n, int k, boolean tA, boolean tB, boolean acc) {
        // stored shapes: A is (k x m) when transposed, B is (n x k) when transposed; pad strides by 3
        int lda = (tA ? m : k) + 3, ldb = (tB ? k : n) + 3, ldc = n + 3;
        float[] a = random((tA ? k : m) * lda + 2, 1), b = random((tB ? n : k) * ldb + 2, 2);
        float[] c0 = random(m * ldc + 1, 3);
        float[] ref = c0.clone(), got = c0.clone();
        new ReferenceGemm().gemm(tA, tB, m, n, k, a, 2, lda, b, 2, ldb, ref, 1, ldc, acc);
        new BlockedGemm(POOL2).gemm(tA, tB, m, n, k, a, 2, lda, b, 2, ldb, got, 1, ldc, acc);
        for (int i = 0; i < ref.length; i++) {
            // float sums of k terms of size ~1: error grows like sqrt(k)·ulp; the reference sums in double
            assertEquals(ref[i], got[i], 1e-5 * Math.sqrt(k) * 4 + 1e-6, "element " + i);
        }
    }

    @Test
    void blocked_sameResultForAnyThreadCount() {
        int m = 37, n = 530, k = 300;
        float[] a = random(m * k, 4), b = random(n * k, 5);
        float[] c1 = new float[m * n], c2 = new float[m * n];
        new BlockedGemm(POOL1).gemm(false, true, m, n, k, a, 0, k, b, 0, k, c1, 0, n, false);
        new BlockedGemm(POOL2).gemm(false, true, m, n, k, a, 0, k, b, 0, k, c2, 0, n, false);
        assertArrayEquals(c1, c2);
    }
}
