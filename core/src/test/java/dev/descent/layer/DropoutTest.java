package dev.descent.layer;

import dev.descent.kernel.Backend;
import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dropout mask split across threads is the mask drawn in order on one thread, whatever the thread count. */
class DropoutTest {

    @Test
    void forward_givesTheInOrderMaskAtAnyThreadCount_andLeavesTheStreamWhereDrawingWould() {
        // keep·2²⁴ an integer (0.5) or not (0.3, 0.8): the integer comparison the layer makes must agree with u < keep
        for (float keep : new float[] {0.5f, 0.3f, 0.8f}) {
            check(keep);
        }
    }

    private static void check(float keep) {
        Shape shape = Shape.vector(1024);
        int n = 50, len = n * shape.size();  // 51 200 values: several parallel chunks and a short last one
        float[] x = new float[len];
        Rng data = new Rng(3);
        for (int i = 0; i < len; i++) {
            x[i] = data.nextFloat() - 0.5f;
        }
        Rng inOrder = Rng.derive(1, Rng.STREAM_DROPOUT, 42);
        float[] expected = new float[len];
        for (int i = 0; i < len; i++) {
            expected[i] = x[i] * (inOrder.nextFloat() < keep ? 1f / keep : 0f);
        }
        long nextAfter = inOrder.nextLong();
        for (int threads = 1; threads <= 3; threads++) {
            try (Backend be = Backend.fast(threads)) {
                Dropout d = new Dropout(shape, keep);
                LayerContext ctx = new LayerContext(be);
                d.bind(null, n, ctx);
                Rng rng = Rng.derive(1, Rng.STREAM_DROPOUT, 42);
                ctx.prepare(true, rng);
                float[] y = new float[len];
                d.forward(x, y, n, ctx);
                assertArrayEquals(expected, y, "keep " + keep + ", " + threads + " threads");
                assertEquals(nextAfter, rng.nextLong(), threads + " threads: stream position");
                float[] dy = new float[len], dx = new float[len];
                java.util.Arrays.fill(dy, 1f);
                d.backward(x, y, dy, dx, n, ctx);
                for (int i = 0; i < len; i++) {
                    assertEquals(expected[i] == 0f && x[i] != 0f ? 0f : 1f / keep, dx[i], 0f, "dx " + i);
                }
            }
        }
    }
}
