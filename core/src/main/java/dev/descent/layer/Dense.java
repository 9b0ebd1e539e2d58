package dev.descent.layer;

import dev.descent.init.Initializer;
import dev.descent.kernel.Vectors;
import dev.descent.random.Rng;
import dev.descent.tensor.ParamView;
import dev.descent.tensor.Parameters;

/**
 * Fully connected layer {@code y = x · W + b}, W stored {@code in × out} (TensorFlow's layout).
 * Backward: {@code dW = xᵀ · dy}, {@code db = Σ_batch dy}, {@code dx = dy · Wᵀ}.
 */
public final class Dense implements Layer {
    private final Shape in;
    private final Shape out;
    private final Initializer weightInit;
    private final float biasInit;
    private ParamView w, b;
    private float[] params, grads;

    public Dense(Shape in, int outFeatures, Initializer weightInit, float biasInit) {
        this.in = in;
        this.out = Shape.vector(outFeatures);
        this.weightInit = weightInit;
        this.biasInit = biasInit;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return out;
    }

    @Override
    public void declare(Parameters.Builder p, String prefix) {
        w = p.add(prefix + "w", ParamView.Kind.WEIGHT, in.size(), out.size());
        b = p.add(prefix + "b", ParamView.Kind.BIAS, out.size());
    }

    @Override
    public void bind(Parameters p, int capacity, LayerContext ctx) {
        params = p.data();
        grads = p.grad();
    }

    @Override
    public void initialize(float[] data, long seed) {
        weightInit.fill(data, w.offset(), w.size(), in.size(), out.size(), Rng.derive(seed, Rng.STREAM_INIT, w.offset()));
        java.util.Arrays.fill(data, b.offset(), b.end(), biasInit);
    }

    // x is (n, IN), y is (n, OUT), weight is (IN, OUT)
    @Override
    public void forward(float[] x, float[] y, int n, LayerContext ctx) {
        int I = in.size(), O = out.size();
        for (int s = 0; s < n; s++) {
            System.arraycopy(params, b.offset(), y, s * O, O);
        }
        ctx.backend().gemm().gemm(false, false, n, O, I, x, 0, I, params, w.offset(), O, y, 0, O, true);
    }

    @Override
    public void backward(float[] x, float[] y, float[] dy, float[] dx, int n, LayerContext ctx) {
        int I = in.size(), O = out.size();
        ctx.backend().gemm().gemm(true, false, I, O, n, x, 0, I, dy, 0, O, grads, w.offset(), O, false);
        Vectors.sumRows(dy, n, O, grads, b.offset());
        if (dx != null) {
            ctx.backend().gemm().gemm(false, true, n, I, O, dy, 0, O, params, w.offset(), O, dx, 0, I, false);
        }
    }

    @Override
    public String toString() {
        return "dense(" + in.size() + "->" + out.size() + ")";
    }
}
