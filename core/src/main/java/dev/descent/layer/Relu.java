package dev.descent.layer;

/** Rectified linear unit {@code y = max(0, x)}; backward {@code dx = dy · [y > 0]}. */
public final class Relu implements Layer {
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
        for (int i = 0; i < len; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] dy, float[] dx, int n, LayerContext ctx) {
        int len = n * shape.size();
        for (int i = 0; i < len; i++) {
            dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }

    @Override
    public String toString() {
        return "relu";
    }
}
