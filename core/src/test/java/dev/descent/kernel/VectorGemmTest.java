package dev.descent.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.descent.kernel.GemmTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Vector API multiply against the reference on awkward and on the CNN's shapes, and its determinism. */
class VectorGemmTest {
    private static final WorkerPool POOL1 = new WorkerPool(1);
    private static final WorkerPool POOL2 = new WorkerPool(2);
    private static final WorkerPool POOL3 = new WorkerPool(3);

    @AfterAll
    static void close() {
        POOL1.close();
        POOL2.close();
        POOL3.close();
    }

    static Stream<Arguments> awkwardShapes() {
        int[] sizes = {1, 7, 17, 33, 65, 257};
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (int m : sizes) {
            for (int n : sizes) {
                for (int k : new int[]{1, 17, 300}) {
                    // walk through the 8 combinations of (transA, transB, accumulate) across the sizes
                    int f = i++;
                    out.add(Arguments.of(m, n, k, (f & 1) != 0, (f & 2) != 0, (f & 4) != 0));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4} acc={5}")
    @MethodSource("awkwardShapes")
    void vector_matchesReference_awkwardShapes(int m, int n, int k, boolean tA, boolean tB, boolean acc) {
        check(m, n, k, tA, tB, acc);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4} acc={5}")
    @CsvSource({
            "1,1,1,false,false,false", "1,1,1,true,true,true", "1,300,7,false,true,true", "300,1,7,true,false,false",
            "3,300,70,false,true,true", "5,700,65,false,true,false",
            "39200,32,25,false,false,false", "25,32,39200,true,false,false",
            "9800,64,800,false,false,false", "800,64,9800,true,false,false", "9800,800,64,false,true,false",
            "50,1024,3136,false,false,true", "3136,1024,50,true,false,false", "50,3136,1024,false,true,false",
            "50,10,1024,false,false,true", "1024,10,50,true,false,false", "50,1024,10,false,true,false",
            "2000,3000,300,false,false,true"})
    void vector_matchesReference_cnnShapes(int m, int n, int k, boolean tA, boolean tB, boolean acc) {
        check(m, n, k, tA, tB, acc);
    }

    /** B's rows 1 KB or 4 KB apart are packed in passes along the rows rather than read in place. */
    @ParameterizedTest(name = "{0}x{1}x{2} ldb={3}")
    @CsvSource({"50,1024,3136,1024", "50,1000,300,1024", "7,300,129,512", "13,33,70,256"})
    void vector_matchesReference_whenBRowsAreAMultipleOf1KBApart(int m, int n, int k, int ldb) {
        check(m, n, k, false, false, true, ldb);
    }

    private static void check(int m, int n, int k, boolean tA, boolean tB, boolean acc) {
        check(m, n, k, tA, tB, acc, (tB ? k : n) + 3);
    }

    private static void check(int m, int n, int k, boolean tA, boolean tB, boolean acc, int ldb) {
        // stored shapes: A is (k x m) when transposed, B is (n x k) when transposed; pad strides by 3
        int lda = (tA ? m : k) + 3, ldc = n + 3;
        float[] a = random((tA ? k : m) * lda + 2, 1), b = random((tB ? n : k) * ldb + 2, 2);
        float[] c0 = random(m * ldc + 1, 3);
        float[] ref = c0.clone(), got = c0.clone();
        new ReferenceGemm().gemm(tA, tB, m, n, k, a, 2, lda, b, 2, ldb, ref, 1, ldc, acc);
        new VectorGemm(POOL2).gemm(tA, tB, m, n, k, a, 2, lda, b, 2, ldb, got, 1, ldc, acc);
        double tol = 1e-5 * Math.sqrt(k) * 4 + 1e-6;
        for (int i = 0; i < ref.length; i++) {
            if (Math.abs(ref[i] - got[i]) > tol) {  // assertEquals per element would dominate the run time
                assertEquals(ref[i], got[i], tol, "element " + i + " (row " + (i - 1) / ldc + ", col " + (i - 1) % ldc + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4}")
    @CsvSource({"37,530,300,false,true", "9800,64,800,false,false", "800,64,9800,true,false",
            "50,3136,1024,false,true", "50,1024,3136,false,false", "25,32,39200,true,false", "13,7,5,true,true"})
    void vector_sameBitsForAnyThreadCount(int m, int n, int k, boolean tA, boolean tB) {
        int lda = tA ? m : k, ldb = tB ? k : n;
        float[] a = random(m * k, 4), b = random(n * k, 5), c = random(m * n, 6);
        float[] c1 = c.clone(), c2 = c.clone(), c3 = c.clone();
        new VectorGemm(POOL1).gemm(tA, tB, m, n, k, a, 0, lda, b, 0, ldb, c1, 0, n, true);
        new VectorGemm(POOL2).gemm(tA, tB, m, n, k, a, 0, lda, b, 0, ldb, c2, 0, n, true);
        new VectorGemm(POOL3).gemm(tA, tB, m, n, k, a, 0, lda, b, 0, ldb, c3, 0, n, true);
        assertArrayEquals(c1, c2);
        assertArrayEquals(c1, c3);
    }

    @Test
    void vector_reusedInstance_givesSameResultAfterLargerCall() {
        VectorGemm g = new VectorGemm(POOL2);
        float[] a = random(20 * 9, 7), b = random(9 * 11, 8);
        float[] first = new float[20 * 11], again = new float[20 * 11];
        g.multiply(20, 11, 9, a, b, first);
        float[] big = random(500 * 500, 9), bc = new float[500 * 500];
        g.multiply(500, 500, 500, big, big, bc);  // grows and dirties the scratch
        g.multiply(20, 11, 9, a, b, again);
        assertArrayEquals(first, again);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4} acc={5}")
    @CsvSource({"1,1,1,false,false,false", "7,33,17,true,false,true", "17,7,300,false,true,false", "65,257,17,true,true,true",
            "196,64,800,false,false,true", "402,64,196,true,false,true", "196,800,64,false,false,false", "784,32,25,false,false,true",
            "12,32,784,true,false,false", "50,1024,3136,false,false,true", "50,3136,1024,false,true,false", "33,65,300,false,false,false"})
    void serial_sameBitsAsPoolForAnyThreadCount(int m, int n, int k, boolean tA, boolean tB, boolean acc) {
        int lda = (tA ? m : k) + 1, ldb = (tB ? k : n) + 2, ldc = n + 3;
        float[] a = random((tA ? k : m) * lda, 11), b = random((tB ? n : k) * ldb, 12), c = random(m * ldc, 13);
        float[] viaPool = c.clone();
        new VectorGemm(POOL2).gemm(tA, tB, m, n, k, a, 0, lda, b, 0, ldb, viaPool, 0, ldc, acc);
        for (WorkerPool pool : new WorkerPool[]{POOL1, POOL2, POOL3}) {
            float[] serial = c.clone();
            new VectorGemm(pool).serial().gemm(tA, tB, m, n, k, a, 0, lda, b, 0, ldb, serial, 0, ldc, acc);
            assertArrayEquals(viaPool, serial, pool.threads() + " threads");
        }
        // B read in place (tight stride, a multiple of the panel width) must give the same bits as B packed
        if (!tB && n % 32 == 0) {
            float[] tight = random(k * n, 14), viaPack = c.clone(), inPlace = c.clone();
            float[] padded = new float[k * 1024];
            for (int p = 0; p < k; p++) {
                System.arraycopy(tight, p * n, padded, p * 1024, n);
            }
            VectorGemm g = new VectorGemm(POOL1);
            g.serial().gemm(tA, false, m, n, k, a, 0, lda, tight, 0, n, inPlace, 0, ldc, acc);
            g.serial().gemm(tA, false, m, n, k, a, 0, lda, padded, 0, 1024, viaPack, 0, ldc, acc);  // 4 KB rows: packed
            assertArrayEquals(viaPack, inPlace);
        }
    }

    /**
     * A gathered operand like a convolution's: x is an (h × w × ch) zero-bordered image, rows start at the output
     * pixels (or, transposed, at the patch elements), runs go along kernel rows (or output rows).
     */
    @ParameterizedTest(name = "{0}x{1}x{2} kernel {3}, n={4}, transposed={5}, acc={6}")
    @CsvSource({"28,28,1,5,32,false,true", "28,28,1,5,32,true,false", "14,14,32,5,64,false,true", "14,14,32,5,64,true,true",
            "9,7,3,3,5,false,false", "9,7,3,3,37,true,true", "4,5,2,4,1,false,false", "1,1,7,1,33,true,false", "6,6,1,1,16,false,true"})
    void indexed_matchesReferenceAndMaterializedProduct(int oh, int ow, int ch, int kk, int n, boolean transposed, boolean acc) {
        int pw = ow + kk - 1, ph = oh + kk - 1;
        float[] x = random(ph * pw * ch + 5, 21);
        int pixels = oh * ow, patch = kk * kk * ch;
        int[] pixel = new int[pixels], tap = new int[patch], kernelRows = new int[kk], outputRows = new int[oh];
        for (int r = 0; r < pixels; r++) {
            pixel[r] = ((r / ow) * pw + r % ow) * ch;
        }
        for (int q = 0; q < patch; q++) {
            int i = q / (kk * ch), j = q / ch % kk, c = q % ch;
            tap[q] = (i * pw + j) * ch + c;
        }
        for (int i = 0; i < kk; i++) {
            kernelRows[i] = i * pw * ch;
        }
        for (int r = 0; r < oh; r++) {
            outputRows[r] = r * pw * ch;
        }
        int m = transposed ? patch : pixels, k = transposed ? pixels : patch, rowsOff = transposed && patch > 3 ? 2 : 0;
        m -= rowsOff;
        int[] rows = transposed ? tap : pixel, runs = transposed ? outputRows : kernelRows;
        int run = transposed ? ow : kk * ch, stride = transposed ? ch : 1;
        int ldb = n + 1, ldc = n + 2;
        float[] b = random(k * ldb, 22), c0 = random(m * ldc + 3, 23);
        float[] a = new float[m * k];  // the materialized operand
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                a[i * k + p] = x[3 + rows[rowsOff + i] + (transposed ? pixel[p] : tap[p])];
            }
        }
        float[] ref = c0.clone(), fast = c0.clone(), materialized = c0.clone();
        new ReferenceGemm().gemmIndexed(m, n, k, x, 3, rows, rowsOff, runs, run, stride, b, 0, ldb, ref, 1, ldc, acc);
        new VectorGemm(POOL3).gemmIndexed(m, n, k, x, 3, rows, rowsOff, runs, run, stride, b, 0, ldb, fast, 1, ldc, acc);
        new VectorGemm(POOL2).gemm(false, false, m, n, k, a, 0, k, b, 0, ldb, materialized, 1, ldc, acc);
        assertArrayEquals(materialized, fast, "the gathered product must give the bits of the product on the stored operand");
        double tol = 1e-5 * Math.sqrt(k) * 4 + 1e-6;
        for (int i = 0; i < ref.length; i++) {
            if (Math.abs(ref[i] - fast[i]) > tol) {
                assertEquals(ref[i], fast[i], tol, "element " + i);
            }
        }
    }

    /**
     * B already laid out as one packed panel (n = ldb = the panel width: conv1's dW reads dy so) is read where it lies;
     * the bits must be those of the same B copied into a padded matrix and packed, for the unit-stride kernel (long
     * runs), the strided one (short runs, stride 1) and the gathered transpose (stride ch).
     */
    @ParameterizedTest(name = "run {0}, stride {1}")
    @CsvSource({"40,1", "5,1", "7,3"})
    void indexed_panelShapedB_readInPlace_sameBitsAsPacked(int run, int stride) {
        int n = VectorGemm.NR, m = 23, runs = 4, k = runs * run;
        float[] x = random(m + runs * 50 + run * stride + 8, 31);
        int[] rows = new int[m], starts = new int[runs];
        for (int i = 0; i < m; i++) {
            rows[i] = i;
        }
        for (int r = 0; r < runs; r++) {
            starts[r] = r * 50;
        }
        float[] tight = random(k * n, 32), padded = new float[k * (n + 1)];
        for (int p = 0; p < k; p++) {
            System.arraycopy(tight, p * n, padded, p * (n + 1), n);
        }
        float[] inPlace = new float[m * n], packed = new float[m * n];
        VectorGemm g = new VectorGemm(POOL1);
        g.gemmIndexed(m, n, k, x, 1, rows, 0, starts, run, stride, tight, 0, n, inPlace, 0, n, false);
        g.gemmIndexed(m, n, k, x, 1, rows, 0, starts, run, stride, padded, 0, n + 1, packed, 0, n, false);
        assertArrayEquals(packed, inPlace);
        float[] ref = new float[m * n];
        new ReferenceGemm().gemmIndexed(m, n, k, x, 1, rows, 0, starts, run, stride, tight, 0, n, ref, 0, n, false);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], inPlace[i], 1e-5 * Math.sqrt(k) * 4 + 1e-6, "element " + i);
        }
    }
}
