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

    /** {@code C = A · B} for dense row-major operands (no transposes, tight strides). */
    default void multiply(int m, int n, int k, float[] a, float[] b, float[] c) {
        gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
    }
}
