package dev.descent.data;

import dev.descent.random.Rng;

/**
 * An endless stream of shuffled minibatches over a dataset, in the order TensorFlow's classic MNIST
 * {@code DataSet.next_batch(batch_size, shuffle=True)} serves them.
 *
 * <p>The examples are shuffled before the first epoch. A batch that would run past the end of the epoch
 * takes the remaining examples of that epoch, the data is reshuffled, and the batch is filled from the
 * start of the new order. So the stream is epoch after epoch, each a fresh permutation, cut into batches
 * regardless of epoch boundaries. The order depends only on the seed (the stream
 * {@code Rng.derive(seed, Rng.STREAM_BATCHES)}), so runs with different optimizers see identical batches.
 *
 * <p>Reshuffles shuffle the previous order in place (Fisher–Yates), where TensorFlow permutes the previous
 * order by a fresh permutation: both give a uniformly random new order, but the numbers differ anyway
 * since the generators differ.
 *
 * <pre>{@code
 * Minibatches batches = new Minibatches(split.train(), 100, seed);
 * float[] x = new float[100 * split.train().imageSize()];
 * int[] y = new int[100];
 * for (int step = 0; step < steps; step++) {
 *     batches.next(x, y); // no allocation
 *     ...
 * }
 * }</pre>
 *
 * Not thread-safe.
 */
public final class Minibatches {
    private final Dataset data;
    private final int batchSize;
    private final long seed;
    private final Rng rng;
    private final int[] order;
    private int index;
    private long epochs;
    private long served;

    /**
     * @throws IllegalArgumentException unless {@code 1 <= batchSize <= data.count()}
     */
    public Minibatches(Dataset data, int batchSize, long seed) {
        if (batchSize < 1 || batchSize > data.count()) {
            throw new IllegalArgumentException("batch size must be in [1, " + data.count() + "] for dataset "
                    + data.name() + " of " + data.count() + " examples, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.rng = Rng.derive(seed, Rng.STREAM_BATCHES);
        this.order = new int[data.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
    }

    /**
     * Fills {@code x} with the next batch's images (NHWC, one after another) and {@code y} with their labels.
     *
     * @throws IllegalArgumentException if {@code x.length != batchSize * imageSize} or {@code y.length != batchSize}
     */
    public void next(float[] x, int[] y) {
        int size = data.imageSize();
        if (x.length != (long) batchSize * size || y.length != batchSize) {
            throw new IllegalArgumentException("batch arrays must hold " + batchSize + " images of " + size
                    + " pixels and " + batchSize + " labels, got " + x.length + " and " + y.length);
        }
        float[] pixels = data.pixels();
        int[] labels = data.labels();
        for (int i = 0; i < batchSize; i++) {
            int example = order[index];
            System.arraycopy(pixels, example * size, x, i * size, size);
            y[i] = labels[example];
            advance();
        }
        served++;
    }

    /**
     * Moves forward by {@code batches} batches without copying them, replaying the reshuffles, so that
     * {@code skip(n)} followed by {@code next} gives exactly the batch a fresh stream gives after {@code n}
     * calls of {@code next}. Resuming from a checkpoint at batch {@code n} is {@code new Minibatches(d, b, seed).skip(n)}.
     */
    public Minibatches skip(long batches) {
        if (batches < 0) {
            throw new IllegalArgumentException("cannot skip a negative number of batches, got " + batches);
        }
        long examples = Math.multiplyExact(batches, (long) batchSize);
        long toEpochEnd = order.length - index;
        if (examples < toEpochEnd) {
            index += (int) examples;
        } else {
            examples -= toEpochEnd;
            long fullEpochs = examples / order.length;
            for (long e = 0; e <= fullEpochs; e++) {
                rng.shuffle(order);
            }
            epochs += fullEpochs + 1;
            index = (int) (examples % order.length);
        }
        served += batches;
        return this;
    }

    private void advance() {
        if (++index == order.length) {
            index = 0;
            epochs++;
            rng.shuffle(order);
        }
    }

    /** Completed passes over the data: examples served so far divided by the dataset size, rounded down. */
    public long epoch() {
        return epochs;
    }

    /** Batches served (or skipped) so far. */
    public long batchesServed() {
        return served;
    }

    /** Examples per batch. */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String toString() {
        return "minibatches(dataset=" + data.name() + ", batchSize=" + batchSize + ", seed=" + seed
                + ", batchesServed=" + served + ", epoch=" + epochs + ")";
    }
}
