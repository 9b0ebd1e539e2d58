package dev.descent.layer;

import dev.descent.kernel.Vectors;
import dev.descent.kernel.WorkerPool;

/** Rectified linear unit {@code y = max(0, x)}; backward {@code dx = dy · [y > 0]}. */
public final class Relu implements Layer {
    private static final int CHUNK = 1 << 15;  // elements per parallel task
    private final Shape shape;

    public Relu(Shape shape) {
        this.shape = shape;
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public void forward(float[] x, float[] y, int n, LayerContext ctx) {
        int len = n * shape.size();
        WorkerPool pool = ctx.backend().pool();
        pool.forEach((len + CHUNK - 1) / CHUNK, t -> Vectors.relu(x, y, t * CHUNK, Math.min(len, (t + 1) * CHUNK)));
    }

    @Override
    public void backward(float[] x, float[] y, float[] dy, float[] dx, int n, LayerContext ctx) {
        int len = n * shape.size();
        WorkerPool pool = ctx.backend().pool();
        pool.forEach((len + CHUNK - 1) / CHUNK, t -> Vectors.reluBackward(y, dy, dx, t * CHUNK, Math.min(len, (t + 1) * CHUNK)));
    }

    @Override
    public String toString() {
        return "relu";
    }
}
