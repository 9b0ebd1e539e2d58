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
 * <pre>{@code
 * try (WorkerPool pool = new WorkerPool(2)) {
 *     pool.forEach(8, i -> work(i));
 * }
 * }</pre>
 */
public final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final Thread[] workers;
    private final Object lock = new Object();
    private final AtomicInteger next = new AtomicInteger();
    private long generation;
    private IntConsumer body;
    private int count;
    private int busy;
    private boolean closed;
    private Throwable failure;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(this::workerLoop, "descent-worker-" + (i + 1));
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
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("worker pool is closed");
            }
            this.body = body;
            this.count = count;
            this.failure = null;
            next.set(0);
            busy = workers.length;
            generation++;
            lock.notifyAll();
        }
        Throwable mine = null;
        try {
            drain(body, count);
        } catch (Throwable t) {
            mine = t;
        }
        synchronized (lock) {
            while (busy > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for workers", e);
                }
            }
            this.body = null;
            if (mine == null) {
                mine = failure;
            }
        }
        if (mine instanceof RuntimeException re) {
            throw re;
        }
        if (mine instanceof Error err) {
            throw err;
        }
        if (mine != null) {
            throw new IllegalStateException(mine);
        }
    }

    private void drain(IntConsumer body, int count) {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            body.accept(i);
        }
    }

    private void workerLoop() {
        long seen = 0;
        while (true) {
            IntConsumer b;
            int c;
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
                b = body;
                c = count;
            }
            Throwable err = null;
            try {
                drain(b, c);
            } catch (Throwable t) {
                err = t;
            }
            synchronized (lock) {
                if (err != null && failure == null) {
                    failure = err;
                }
                if (--busy == 0) {
                    lock.notifyAll();
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
