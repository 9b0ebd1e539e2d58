package dev.descent.layer;

/**
 * Reshapes {@code H × W × C} to a vector of {@code H·W·C} features. Activations are NHWC already, so the
 * order is TensorFlow's {@code reshape} and the data does not move: the layer works in place.
 */
public final class Flatten implements Layer {
    private final Shape in;

    public Flatten(Shape in) {
        this.in = in;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return Shape.vector(in.size());
    }

    @Override
    public boolean inPlace() {
        return true;
    }

    @Override
    public void forward(float[] x, float[] y, int n, LayerContext ctx) {
        if (y != x) {
            System.arraycopy(x, 0, y, 0, n * in.size());
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] dy, float[] dx, int n, LayerContext ctx) {
        if (dx != dy) {
            System.arraycopy(dy, 0, dx, 0, n * in.size());
        }
    }

    @Override
    public String toString() {
        return "flatten(" + in + ")";
    }
}
