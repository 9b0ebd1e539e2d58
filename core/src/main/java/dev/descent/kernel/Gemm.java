package dev.descent.kernel;

/**
 * General matrix multiply on row-major float arrays: {@code C (+)= op(A) · op(B)} where {@code op(A)}
 * is {@code m × k}, {@code op(B)} is {@code k × n} and {@code C} is {@code m × n}.
 *
 * <p>{@code op(X)} is X or its transpose as {@code transX} says; {@code lda}, {@code ldb}, {@code ldc}
 * are the row strides of the arrays as stored. With {@code accumulate} false C is overwritten.
 *
 * <p>Contract for every implementation: the sum for each element of C runs over {@code k} in increasing
 * order whatever the thread count, so results do not depend on how work is split.
 */
public interface Gemm {

    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOff, int lda,
              float[] b, int bOff, int ldb,
              float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * This multiply on the calling thread only, with the same bits as {@link #gemm}: for callers that split
     * their work across a {@link WorkerPool} themselves and multiply inside their tasks (a pool's tasks must
     * not start tasks on it). Safe to call from several threads at once on different blocks of C.
     * Implementations that use threads override it; a single-threaded one is its own serial view.
     */
    default Gemm serial() {
        return this;
    }

    /**
     * {@code C (+)= A · B} on the calling thread, where A is not stored but gathered from {@code x}:
     * <pre>{@code A[i, p] = x[xOff + rows[rowsOff + i] + runs[p / run] + (p % run) · stride]}</pre>
     * for {@code i < m}, {@code p < k}: each row starts at its own offset, and along p the offsets come in runs of
     * {@code run} evenly spaced ones. B is row-major {@code k × n} (stride {@code ldb}), C is {@code m × n} (stride
     * {@code ldc}).
     *
     * <p>A convolution's im2col matrix without the copy: in a zero-bordered input, rows at the output pixels'
     * offsets and runs along the kernel rows (stride 1 over a kernel row's columns and channels) give im2col's
     * matrix; rows at the patch elements' offsets and runs along the output rows (stride C) give its transpose,
     * the weight gradient's operand. Same summation contract as {@link #gemm}: each element of C is one sum over
     * {@code p} in increasing order. This default is the obviously correct loop, summed in double.
     */
    default void gemmIndexed(int m, int n, int k, float[] x, int xOff, int[] rows, int rowsOff, int[] runs, int run, int stride,
                             float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int xi = xOff + rows[rowsOff + i];
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? c[cOff + i * ldc + j] : 0.0;
                for (int p = 0; p < k; p++) {
                    sum += (double) x[xi + runs[p / run] + (p % run) * stride] * b[bOff + p * ldb + j];
                }
                c[cOff + i * ldc + j] = (float) sum;
            }
        }
    }

    /** {@code C = A · B} for dense row-major operands (no transposes, tight strides). */
    default void multiply(int m, int n, int k, float[] a, float[] b, float[] c) {
        gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
    }
}
