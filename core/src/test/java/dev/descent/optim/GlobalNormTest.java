package dev.descent.optim;

import dev.descent.kernel.WorkerPool;
import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GlobalNormTest {

    /** The norm as the chunks' definition states it: each chunk one chain in index order, the chunks added in order. */
    private static double reference(float[] g) {
        double s = 0;
        for (int c = 0; c < GlobalNorm.CHUNKS; c++) {
            s += GlobalNorm.chunkReference(g, c);
        }
        return Math.sqrt(s);
    }

    @Test
    void sideBySideChainsGiveTheBitsOfOneChunkAfterAnother() {
        Rng rng = new Rng(3);
        // lengths below, at and around multiples of the chunk count (chunks of unequal length), and the CNN's size
        for (int n : new int[] {0, 1, 7, 15, 16, 17, 31, 33, 1000, 4099, 3274634}) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) (rng.nextGaussian() * Math.exp(4 * rng.nextFloat() - 2));  // magnitudes that round differently per order
            }
            long expected = Double.doubleToRawLongBits(reference(g));
            assertEquals(expected, Double.doubleToRawLongBits(GlobalNorm.of(g)), "calling thread, n=" + n);
            for (int threads = 1; threads <= 3; threads++) {
                try (WorkerPool pool = new WorkerPool(threads)) {
                    double onPool = GlobalNorm.of(g, pool, new double[GlobalNorm.CHUNKS]);
                    assertEquals(expected, Double.doubleToRawLongBits(onPool), threads + " threads, n=" + n);
                }
            }
        }
    }

    @Test
    void handComputedNorms() {
        assertEquals(5.0, GlobalNorm.of(new float[] {3, 4}));
        assertEquals(0.0, GlobalNorm.of(new float[0]));
        float[] ones = new float[100];
        java.util.Arrays.fill(ones, 1f);
        assertEquals(10.0, GlobalNorm.of(ones));
    }
}
