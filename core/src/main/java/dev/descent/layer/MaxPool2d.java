package dev.descent.layer;

/**
 * 2×2 max pooling with stride 2 and SAME padding as TensorFlow defines it (output {@code ceil(in / 2)};
 * for an odd size the padding goes after, and padded cells never win). NHWC. The index of each window's
 * maximum is kept for backward, which routes {@code dy} to it. Ties go to the first cell in row-major
 * order.
 */
public final class MaxPool2d implements Layer {
    private static final int K = 2, STRIDE = 2;
    private final Shape in;
    private final Shape out;
    private final int padTop, padLeft;
    private int[] argmax;

    public MaxPool2d(Shape in) {
        this.in = in;
        this.out = new Shape(Padding.SAME.outputSize(in.height(), K, STRIDE), Padding.SAME.outputSize(in.width(), K, STRIDE), in.channels());
        this.padTop = Padding.SAME.padBefore(in.height(), K, STRIDE);
        this.padLeft = Padding.SAME.padBefore(in.width(), K, STRIDE);
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
    public void bind(dev.descent.tensor.Parameters params, int capacity, LayerContext ctx) {
        argmax = new int[capacity * out.size()];
    }

    // x is (n, H, W, C), y is (n, OH, OW, C)
    @Override
    public void forward(float[] x, float[] y, int n, LayerContext ctx) {
        ctx.backend().pool().forEach(n, s -> forwardSample(x, y, s));
    }

    // The window's cells are visited in row-major order and channels run innermost (contiguous in NHWC):
    // the first in-bounds cell seeds y, later cells replace it only when strictly greater (ties: first).
    private void forwardSample(float[] x, float[] y, int s) {
        int H = in.height(), W = in.width(), C = in.channels(), OH = out.height(), OW = out.width();
        for (int oh = 0; oh < OH; oh++) {
            for (int ow = 0; ow < OW; ow++) {
                int yo = ((s * OH + oh) * OW + ow) * C;
                boolean first = true;
                for (int i = 0; i < K; i++) {
                    int ih = oh * STRIDE + i - padTop;
                    if (ih < 0 || ih >= H) {
                        continue;
                    }
                    for (int j = 0; j < K; j++) {
                        int iw = ow * STRIDE + j - padLeft;
                        if (iw < 0 || iw >= W) {
                            continue;
                        }
                        int xo = ((s * H + ih) * W + iw) * C;
                        if (first) {
                            System.arraycopy(x, xo, y, yo, C);
                            for (int c = 0; c < C; c++) {
                                argmax[yo + c] = xo + c;
                            }
                            first = false;
                            continue;
                        }
                        for (int c = 0; c < C; c++) {
                            float v = x[xo + c];
                            if (v > y[yo + c]) {
                                y[yo + c] = v;
                                argmax[yo + c] = xo + c;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] dy, float[] dx, int n, LayerContext ctx) {
        int isz = in.size(), osz = out.size();
        ctx.backend().pool().forEach(n, s -> {
            java.util.Arrays.fill(dx, s * isz, (s + 1) * isz, 0f);
            for (int o = s * osz, end = o + osz; o < end; o++) {
                dx[argmax[o]] += dy[o];
            }
        });
    }

    @Override
    public String toString() {
        return "maxpool2x2(" + in + "->" + out + ")";
    }
}
