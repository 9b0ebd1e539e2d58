/**
 * Compute kernels behind a small interface ({@link dev.descent.kernel.Gemm}, bundled with a
 * {@link dev.descent.kernel.WorkerPool} in a {@link dev.descent.kernel.Backend}) so faster ones can be
 * swapped in. Every fast kernel has a slow, obviously correct reference beside it. Invariant: results do
 * not depend on the thread count (each output element is reduced in a fixed order by one task).
 */
package dev.descent.kernel;
