package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.random.Rng;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MinibatchesTest {

    /** {@code n} one-pixel images whose pixel and label both identify the example. */
    private static Dataset indexed(int n) {
        float[] pixels = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = i;
            labels[i] = i;
        }
        return new Dataset("indexed", pixels, labels, n, 1, 1, 1, n);
    }

    private static int[] nextLabels(Minibatches b, int batchSize) {
        float[] x = new float[batchSize];
        int[] y = new int[batchSize];
        b.next(x, y);
        for (int i = 0; i < batchSize; i++) {
            assertEquals(y[i], (int) x[i], "image and label of one example travel together");
        }
        return y;
    }

    @Test
    void constructor_batchSizeOutOfRange() {
        Dataset d = indexed(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Minibatches(d, 0, 1));
        assertTrue(e.getMessage().contains("batch size must be in [1, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Minibatches(d, 6, 1));
    }

    @Test
    void next_wrongArrayLengths() {
        Minibatches b = new Minibatches(indexed(5), 2, 1);
        assertThrows(IllegalArgumentException.class, () -> b.next(new float[3], new int[2]));
        assertThrows(IllegalArgumentException.class, () -> b.next(new float[2], new int[1]));
    }

    @Test
    void next_sameSeedSameBatches() {
        Minibatches a = new Minibatches(indexed(50), 7, 42);
        Minibatches b = new Minibatches(indexed(50), 7, 42);
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(nextLabels(a, 7), nextLabels(b, 7), "batch " + i);
        }
    }

    @Test
    void next_differentSeedDifferentBatches() {
        Minibatches a = new Minibatches(indexed(50), 7, 42);
        Minibatches b = new Minibatches(indexed(50), 7, 43);
        boolean differ = false;
        for (int i = 0; i < 10; i++) {
            differ |= !Arrays.equals(nextLabels(a, 7), nextLabels(b, 7));
        }
        assertTrue(differ);
    }

    @Test
    void next_everyExampleOncePerEpochWhenBatchDividesCount() {
        int n = 12, batch = 4;
        Minibatches b = new Minibatches(indexed(n), batch, 7);
        int[][] orders = new int[3][];
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(epoch, b.epoch());
            int[] seen = new int[n];
            int[] order = new int[n];
            for (int k = 0; k < n / batch; k++) {
                System.arraycopy(nextLabels(b, batch), 0, order, k * batch, batch);
            }
            for (int label : order) {
                seen[label]++;
            }
            int[] ones = new int[n];
            Arrays.fill(ones, 1);
            assertArrayEquals(ones, seen, "epoch " + epoch);
            orders[epoch] = order;
        }
        assertEquals(3, b.epoch());
        assertEquals(9, b.batchesServed());
        assertFalse(Arrays.equals(orders[0], orders[1]), "reshuffled between epochs");
        assertFalse(Arrays.equals(orders[1], orders[2]), "reshuffled between epochs");
    }

    @Test
    void next_epochBoundaryOnTinyDataset() {
        // 5 examples, batch 2: the third batch takes the last example of epoch 0 and the first of epoch 1.
        long seed = 3;
        Rng rng = Rng.derive(seed, Rng.STREAM_BATCHES);
        int[] p0 = {0, 1, 2, 3, 4};
        rng.shuffle(p0);
        int[] p1 = p0.clone();
        rng.shuffle(p1);
        int[] p2 = p1.clone();
        rng.shuffle(p2);

        Minibatches b = new Minibatches(indexed(5), 2, seed);
        assertArrayEquals(new int[]{p0[0], p0[1]}, nextLabels(b, 2));
        assertArrayEquals(new int[]{p0[2], p0[3]}, nextLabels(b, 2));
        assertEquals(0, b.epoch());
        assertArrayEquals(new int[]{p0[4], p1[0]}, nextLabels(b, 2));
        assertEquals(1, b.epoch());
        assertArrayEquals(new int[]{p1[1], p1[2]}, nextLabels(b, 2));
        assertArrayEquals(new int[]{p1[3], p1[4]}, nextLabels(b, 2));
        assertEquals(2, b.epoch());
        assertArrayEquals(new int[]{p2[0], p2[1]}, nextLabels(b, 2));
        assertEquals(6, b.batchesServed());
        assertFalse(Arrays.equals(p0, p1) && Arrays.equals(p1, p2), "the seed should reshuffle to a new order");
    }

    @Test
    void skip_givesTheSameBatchesAsCallingNext() {
        for (int n : new int[]{0, 1, 2, 3, 7, 13, 40}) {
            Minibatches replayed = new Minibatches(indexed(11), 3, 9);
            for (int i = 0; i < n; i++) {
                nextLabels(replayed, 3);
            }
            Minibatches skipped = new Minibatches(indexed(11), 3, 9).skip(n);
            assertEquals(replayed.batchesServed(), skipped.batchesServed());
            assertEquals(replayed.epoch(), skipped.epoch(), "epoch after " + n);
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(nextLabels(replayed, 3), nextLabels(skipped, 3), "skip " + n + ", batch " + i);
            }
        }
    }

    @Test
    void skip_afterSomeBatches() {
        Minibatches a = new Minibatches(indexed(10), 4, 5);
        Minibatches b = new Minibatches(indexed(10), 4, 5);
        nextLabels(a, 4);
        a.skip(6);
        for (int i = 0; i < 7; i++) {
            nextLabels(b, 4);
        }
        assertEquals(b.epoch(), a.epoch());
        assertArrayEquals(nextLabels(b, 4), nextLabels(a, 4));
        assertThrows(IllegalArgumentException.class, () -> a.skip(-1));
    }

    @Test
    void next_allocatesNothing() {
        Dataset d = indexed(100);
        Minibatches b = new Minibatches(d, 32, 1);
        float[] x = new float[32];
        int[] y = new int[32];
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        b.next(x, y);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            b.next(x, y);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 10_000, "next() should not allocate, but 10000 calls allocated " + allocated + " bytes");
    }
}
