/**
 * Compute kernels behind a small interface ({@link dev.descent.kernel.Gemm}, bundled with a
 * {@link dev.descent.kernel.WorkerPool} in a {@link dev.descent.kernel.Backend}) so faster ones can be
 * swapped in: {@link dev.descent.kernel.VectorGemm} (the Vector API fast path) against
 * {@link dev.descent.kernel.ReferenceGemm} (the oracle), and small Vector API helpers for layers in
 * {@link dev.descent.kernel.Vectors}. Besides the product on the pool, {@code Gemm} has a serial view for callers
 * that split work across the pool themselves ({@code serial()}) and a product whose left operand is gathered
 * through offsets ({@code gemmIndexed}: a convolution's im2col matrix without the copy). Every fast kernel has
 * a slow, obviously correct reference beside it. Invariant: results do not depend on the thread count (each output element is reduced in a fixed order by
 * one task).
 */
package dev.descent.kernel;
