package dev.descent.kernel;

/**
 * The kernels a network computes with: a matrix multiply and the worker pool that parallel loops use.
 * Swapping the backend swaps every kernel at once; {@link #reference()} is the slow, single-threaded
 * oracle.
 */
public record Backend(String name, Gemm gemm, WorkerPool pool) implements AutoCloseable {

    /** Single thread, reference matrix multiply. For tests. */
    public static Backend reference() {
        return new Backend("reference", new ReferenceGemm(), new WorkerPool(1));
    }

    /** The fast kernels on {@code threads} threads: the Vector API matrix multiply. */
    public static Backend fast(int threads) {
        WorkerPool pool = new WorkerPool(threads);
        return new Backend("vector", new VectorGemm(pool), pool);
    }

    public int threads() {
        return pool.threads();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return name + "(threads=" + pool.threads() + ")";
    }
}
