package dev.descent.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A persistent pool of worker threads that runs {@code body(0) … body(count − 1)} and waits for all.
 *
 * <p>Threads are created once, here, and parked between calls: a training step creates no threads. The
 * calling thread takes part, so a pool of {@code threads} uses {@code threads − 1} extra threads. Tasks
 * must be independent; which thread runs which index is not fixed, so bodies must not let results depend
 * on it.
 *
 * <p>A call returns as soon as every task is done, whoever ran them: on a busy machine a worker that has
 * not been scheduled yet holds nobody up, since the caller simply takes its share. Each call publishes a
 * fresh {@code Job} (body, count, counters), so a worker that wakes up late finds that job's tasks all
 * taken and never runs a stale body against a newer job's indices.
 *
 * <p>Between calls a worker first spins for up to {@link #SPIN_NANOS} watching for the next job, and only then
 * parks: a training step makes some twenty-five calls a few hundred microseconds apart, and waking a parked
 * thread through the operating system costs tens of microseconds each time (the same reason OpenMP runtimes
 * spin before sleeping). The caller spins the same way before it waits for the last task. A pool that sits idle
 * costs one spin and then nothing.
 *
 * <p>{@link #forEach(int, SlotTask)} also tells each task which of the pool's threads runs it (its slot,
 * {@code 0 … threads − 1}, the caller being 0), so tasks can use per-thread scratch allocated up front
 * instead of scratch per task.
 *
 * <pre>{@code
 * try (WorkerPool pool = new WorkerPool(2)) {
 *     pool.forEach(8, i -> work(i));
 *     float[][] scratch = new float[pool.threads()][1024];
 *     pool.forEach(8, (i, slot) -> work(i, scratch[slot]));
 * }
 * }</pre>
 */
public final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final Thread[] workers;
    /** How long an idle thread watches for work before it parks (and the caller, for the last task). */
    static final long SPIN_NANOS = 100_000;
    private final Object lock = new Object();
    private volatile long generation;  // written under lock; read without it while spinning
    private Job job;
    private volatile boolean closed;

    /** A task that is told its slot: which of the pool's threads runs it, {@code 0 … threads − 1}. */
    @FunctionalInterface
    public interface SlotTask {
        void run(int task, int slot);
    }

    /** One call of {@link #forEach}: tasks are claimed through {@code next} and counted done in {@code done}. */
    private static final class Job {
        final IntConsumer body;
        final SlotTask slotBody;
        final int count;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(IntConsumer body, SlotTask slotBody, int count) {
            this.body = body;
            this.slotBody = slotBody;
            this.count = count;
        }

        /** Runs tasks until none is left unclaimed; wakes the caller after the last one. */
        void drain(int slot) {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    if (body != null) {
                        body.accept(i);
                    } else {
                        slotBody.run(i, slot);
                    }
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                }
                if (done.incrementAndGet() == count) {
                    synchronized (this) {
                        notifyAll();
                    }
                }
            }
        }
    }

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int slot = i + 1;
            Thread t = new Thread(() -> workerLoop(slot), "descent-worker-" + slot);
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    /** A pool with one thread per available processor. */
    public static WorkerPool ofAvailableProcessors() {
        return new WorkerPool(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /** The ids of the pool's own threads (the {@code threads − 1} workers, not the callers), e.g. to read their CPU time. */
    public long[] workerThreadIds() {
        long[] ids = new long[workers.length];
        for (int i = 0; i < workers.length; i++) {
            ids[i] = workers[i].threadId();
        }
        return ids;
    }

    /** Runs {@code body} for every index in {@code [0, count)} and returns when all are done. */
    public void forEach(int count, IntConsumer body) {
        if (count <= 0) {
            return;
        }
        if (threads == 1 || count == 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        run(new Job(body, null, count));
    }

    /**
     * Runs {@code body} for every index in {@code [0, count)}, telling each task its slot (the caller is slot 0,
     * worker {@code w} slot {@code w}), and returns when all are done. No two tasks run in one slot at once.
     */
    public void forEach(int count, SlotTask body) {
        if (count <= 0) {
            return;
        }
        if (threads == 1 || count == 1) {
            for (int i = 0; i < count; i++) {
                body.run(i, 0);
            }
            return;
        }
        run(new Job(null, body, count));
    }

    private void run(Job j) {
        int count = j.count;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("worker pool is closed");
            }
            job = j;
            generation++;
            lock.notifyAll();
        }
        j.drain(0);
        for (long deadline = System.nanoTime() + SPIN_NANOS; j.done.get() < count && System.nanoTime() < deadline; ) {
            Thread.onSpinWait();
        }
        if (j.done.get() < count) {
            synchronized (j) {
                while (j.done.get() < count) {
                    try {
                        j.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for workers", e);
                    }
                }
            }
        }
        Throwable failure = j.failure;
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private void workerLoop(int slot) {
        long seen = 0;
        while (true) {
            for (long deadline = System.nanoTime() + SPIN_NANOS; generation == seen && !closed && System.nanoTime() < deadline; ) {
                Thread.onSpinWait();
            }
            Job j;
            synchronized (lock) {
                while (generation == seen && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                seen = generation;
                j = job;
            }
            j.drain(slot);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            job = null;
            lock.notifyAll();
        }
    }
}
