package dev.descent.model;

import dev.descent.kernel.Backend;
import dev.descent.layer.Shape;
import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A whole CNN training step gives the same bits on one thread and on two. */
class NetworkDeterminismTest {

    @Test
    void cnnTrainStep_sameBitsForOneAndTwoThreads() {
        int batch = 50;
        Rng data = new Rng(11);
        float[] x = new float[batch * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = data.nextFloat();
        }
        int[] labels = new int[batch];
        for (int s = 0; s < batch; s++) {
            labels[s] = data.nextInt(10);
        }
        try (Backend one = Backend.fast(1); Backend two = Backend.fast(2)) {
            Network a = Models.cnn(new Shape(28, 28, 1), 10).build(batch, one);
            Network b = Models.cnn(new Shape(28, 28, 1), 10).build(batch, two);
            a.initialize(3);
            b.initialize(3);
            double la = a.trainStep(x, labels, batch, Rng.derive(3, Rng.STREAM_DROPOUT, 0));
            double lb = b.trainStep(x, labels, batch, Rng.derive(3, Rng.STREAM_DROPOUT, 0));
            assertEquals(la, lb, 0.0);
            assertArrayEquals(a.parameters().grad(), b.parameters().grad());
        }
    }
}
