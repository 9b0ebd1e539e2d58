package dev.descent.optim.contrib;

import dev.descent.kernel.Gemm;

/**
 * Products whose result is symmetric, bit for bit — a Gram matrix {@code X·Xᵀ} or {@code Xᵀ·X}, the square of a
 * symmetric matrix — computed on and above the diagonal only, in row blocks, and mirrored: about half the flops
 * for the same bits.
 *
 * <p>Why the bits are those of the full product: {@link Gemm}'s contract makes each element of C one chain over
 * {@code k} in increasing order that does not depend on how C is split, so a block of C is the same block of the
 * full product. Element (i, j) of {@code op(A)·op(B)} and element (j, i) are the same chain when row i of op(A)
 * equals column i of op(B) for every i (a Gram matrix: both are column i of X; the square of a bitwise-symmetric
 * A: row i of A is its column i): the chain for (j, i) multiplies the same pairs in the same order with the
 * factors swapped, and a fused multiply-add's two factors commute exactly. So the mirrored lower triangle holds
 * exactly what the full product would have put there.
 */
final class SymmetricGemm {
    /** Rows per block: sixteen of VectorGemm's six-row slivers. Below two blocks the full product is cheaper. */
    static final int BLOCK = 96;

    private SymmetricGemm() {
    }

    /**
     * {@code C (+)= op(A)·op(B)}, {@code n × n}, for operands whose product is symmetric as described above
     * (C too, when accumulating); arguments as {@link Gemm#gemm}, with {@code m = n}.
     */
    static void product(Gemm gemm, boolean transA, boolean transB, int n, int k,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float[] c, int cOff, int ldc, boolean accumulate) {
        if (n < 2 * BLOCK) {
            gemm.gemm(transA, transB, n, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            int rows = Math.min(BLOCK, n - i0);
            // rows [i0, i0 + rows) of op(A), columns [i0, n) of op(B)
            int ao = aOff + (transA ? i0 : i0 * lda), bo = bOff + (transB ? i0 * ldb : i0);
            gemm.gemm(transA, transB, rows, n - i0, k, a, ao, lda, b, bo, ldb, c, cOff + i0 * ldc + i0, ldc, accumulate);
        }
        for (int i = 1; i < n; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < i; j++) {
                c[row + j] = c[cOff + j * ldc + i];
            }
        }
    }
}
