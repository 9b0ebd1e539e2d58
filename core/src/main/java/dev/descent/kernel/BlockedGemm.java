package dev.descent.kernel;

/**
 * A cache-blocked, multi-threaded matrix multiply whose inner loop ({@code c[i, j..] += a[i, p] · b[p, j..]})
 * the JIT vectorizes.
 *
 * <p>Work is split over blocks of rows of C; each element of C is owned by one task and summed over
 * {@code k} in increasing order, so the result is the same for any thread count. A transposed B is first
 * packed into a row-major scratch panel (grown once, reused). Four rows of C are updated together so each
 * loaded element of B feeds four multiply-adds.
 */
public final class BlockedGemm implements Gemm {
    private static final int KC = 256;   // depth of a block: KC rows of B stay in L2
    private static final int NC = 512;   // width of a block of C columns
    private static final int MR = 4;     // rows of C updated together

    private final WorkerPool pool;
    private float[] packedB = new float[0];

    public BlockedGemm(WorkerPool pool) {
        this.pool = pool;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        final float[] bRows;
        final int bo, bs;
        if (transB) {
            if (packedB.length < k * n) {
                packedB = new float[k * n];
            }
            packTransposed(b, bOff, ldb, k, n, packedB);
            bRows = packedB;
            bo = 0;
            bs = n;
        } else {
            bRows = b;
            bo = bOff;
            bs = ldb;
        }
        int blocks = (m + MR - 1) / MR;
        int tasks = Math.min(blocks, pool.threads() * 4);
        pool.forEach(tasks, t -> {
            int r0 = (int) ((long) blocks * t / tasks) * MR;
            int r1 = Math.min(m, (int) ((long) blocks * (t + 1) / tasks) * MR);
            rows(transA, r0, r1, n, k, a, aOff, lda, bRows, bo, bs, c, cOff, ldc, accumulate);
        });
    }

    private void packTransposed(float[] b, int bOff, int ldb, int k, int n, float[] out) {
        // out[p * n + j] = b[j * ldb + p]; parallel over rows of out
        int tasks = Math.min(k, pool.threads());
        pool.forEach(tasks, t -> {
            int p0 = (int) ((long) k * t / tasks), p1 = (int) ((long) k * (t + 1) / tasks);
            for (int j = 0; j < n; j++) {
                int src = bOff + j * ldb;
                for (int p = p0; p < p1; p++) {
                    out[p * n + j] = b[src + p];
                }
            }
        });
    }

    private static void rows(boolean transA, int r0, int r1, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        if (!accumulate) {
            for (int i = r0; i < r1; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        for (int j0 = 0; j0 < n; j0 += NC) {
            int j1 = Math.min(n, j0 + NC);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int p1 = Math.min(k, p0 + KC);
                int i = r0;
                for (; i + MR <= r1; i += MR) {
                    int c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
                    for (int p = p0; p < p1; p++) {
                        float a0, a1, a2, a3;
                        if (transA) {
                            int ap = aOff + p * lda + i;
                            a0 = a[ap];
                            a1 = a[ap + 1];
                            a2 = a[ap + 2];
                            a3 = a[ap + 3];
                        } else {
                            int ap = aOff + i * lda + p;
                            a0 = a[ap];
                            a1 = a[ap + lda];
                            a2 = a[ap + 2 * lda];
                            a3 = a[ap + 3 * lda];
                        }
                        int bp = bOff + p * ldb;
                        for (int j = j0; j < j1; j++) {
                            float bv = b[bp + j];
                            c[c0 + j] += a0 * bv;
                            c[c1 + j] += a1 * bv;
                            c[c2 + j] += a2 * bv;
                            c[c3 + j] += a3 * bv;
                        }
                    }
                }
                for (; i < r1; i++) {
                    int ci = cOff + i * ldc;
                    for (int p = p0; p < p1; p++) {
                        float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        int bp = bOff + p * ldb;
                        for (int j = j0; j < j1; j++) {
                            c[ci + j] += av * b[bp + j];
                        }
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "blocked(threads=" + pool.threads() + ")";
    }
}
