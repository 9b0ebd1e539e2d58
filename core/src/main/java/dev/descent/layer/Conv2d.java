package dev.descent.layer;

import dev.descent.init.Initializer;
import dev.descent.kernel.Backend;
import dev.descent.kernel.Vectors;
import dev.descent.random.Rng;
import dev.descent.tensor.ParamView;
import dev.descent.tensor.Parameters;

/**
 * 2-D convolution, stride 1, NHWC activations, weights HWIO ({@code kh × kw × in × out}, TensorFlow's
 * layout), SAME or VALID padding, plus bias.
 *
 * <p>Computed as im2col + matrix multiply: each output pixel's receptive field becomes one row of
 * {@code col} ({@code kh·kw·in} values in HWC order, zeros where padded), so {@code y = b + col · W} with
 * W read as a {@code (kh·kw·in) × out} matrix — and the product is NHWC already (y is filled with the bias
 * and the product accumulated onto it). Backward:
 * {@code dW = colᵀ · dy}, {@code db = Σ dy}, {@code dcol = dy · Wᵀ} scattered back by col2im. The col
 * buffer is reused for dcol after dW is done. {@link #forwardReference} is the direct seven-loop oracle.
 */
public final class Conv2d implements Layer {
    private final Shape in;
    private final Shape out;
    private final int kh, kw;
    private final Padding padding;
    private final int padTop, padLeft;
    private final Initializer weightInit;
    private final float biasInit;
    private ParamView w, b;
    private float[] params, grads;
    private float[] col;

    public Conv2d(Shape in, int kernelH, int kernelW, int outChannels, Padding padding, Initializer weightInit, float biasInit) {
        if (kernelH <= 0 || kernelW <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException("conv: kernel and channels must be positive, got " + kernelH + "x" + kernelW + "x" + outChannels);
        }
        this.in = in;
        this.kh = kernelH;
        this.kw = kernelW;
        this.padding = padding;
        this.out = new Shape(padding.outputSize(in.height(), kh, 1), padding.outputSize(in.width(), kw, 1), outChannels);
        this.padTop = padding.padBefore(in.height(), kh, 1);
        this.padLeft = padding.padBefore(in.width(), kw, 1);
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

    private int patch() {
        return kh * kw * in.channels();
    }

    @Override
    public void declare(Parameters.Builder p, String prefix) {
        w = p.add(prefix + "w", ParamView.Kind.WEIGHT, kh, kw, in.channels(), out.channels());
        b = p.add(prefix + "b", ParamView.Kind.BIAS, out.channels());
    }

    @Override
    public long scratchPerExample() {
        return (long) out.height() * out.width() * patch();
    }

    @Override
    public void bind(Parameters p, int capacity, LayerContext ctx) {
        params = p.data();
        grads = p.grad();
        col = new float[capacity * out.height() * out.width() * patch()];
    }

    @Override
    public void initialize(float[] data, long seed) {
        weightInit.fill(data, w.offset(), w.size(), patch(), kh * kw * out.channels(), Rng.derive(seed, Rng.STREAM_INIT, w.offset()));
        java.util.Arrays.fill(data, b.offset(), b.end(), biasInit);
    }

    // x is (n, H, W, C), y is (n, OH, OW, O), weight is (KH, KW, C, O)
    @Override
    public void forward(float[] x, float[] y, int n, LayerContext ctx) {
        Backend be = ctx.backend();
        int rows = out.height() * out.width(), oc = out.channels(), bo = b.offset();
        // y starts as the bias and the product accumulates onto it: one pass over y instead of two
        be.pool().forEach(n, s -> {
            im2col(x, s, col);
            for (int r = s * rows * oc, end = r + rows * oc; r < end; r += oc) {
                System.arraycopy(params, bo, y, r, oc);
            }
        });
        be.gemm().gemm(false, false, n * rows, oc, patch(), col, 0, patch(), params, w.offset(), oc, y, 0, oc, true);
    }

    @Override
    public void backward(float[] x, float[] y, float[] dy, float[] dx, int n, LayerContext ctx) {
        Backend be = ctx.backend();
        int rows = n * out.height() * out.width(), oc = out.channels();
        // dW = colᵀ · dy  (patch × oc), summed over all rows in order
        be.gemm().gemm(true, false, patch(), oc, rows, col, 0, patch(), dy, 0, oc, grads, w.offset(), oc, false);
        Vectors.sumRows(dy, rows, oc, grads, b.offset());
        if (dx == null) {
            return;
        }
        // dcol = dy · Wᵀ (rows × patch), reusing the col buffer, then scatter-add into dx
        be.gemm().gemm(false, true, rows, patch(), oc, dy, 0, oc, params, w.offset(), oc, col, 0, patch(), false);
        be.pool().forEach(n, s -> col2im(col, s, dx));
    }

    // For one output pixel and one kernel row, the in-bounds taps j in [j0, j1) are one contiguous run of
    // (j1 − j0)·C values of x (NHWC), so each is one copy, with zeros either side where the row is padded.
    private void im2col(float[] x, int s, float[] col) {
        int H = in.height(), W = in.width(), C = in.channels();
        int OH = out.height(), OW = out.width(), P = patch();
        int xs = s * H * W * C;
        int r = s * OH * OW * P;
        for (int oh = 0; oh < OH; oh++) {
            for (int ow = 0; ow < OW; ow++, r += P) {
                int j0 = Math.max(0, padLeft - ow), j1 = Math.min(kw, W + padLeft - ow);
                for (int i = 0, q = r; i < kh; i++, q += kw * C) {
                    int ih = oh + i - padTop;
                    if (ih < 0 || ih >= H || j0 >= j1) {
                        java.util.Arrays.fill(col, q, q + kw * C, 0f);
                        continue;
                    }
                    java.util.Arrays.fill(col, q, q + j0 * C, 0f);
                    System.arraycopy(x, xs + (ih * W + ow + j0 - padLeft) * C, col, q + j0 * C, (j1 - j0) * C);
                    java.util.Arrays.fill(col, q + j1 * C, q + kw * C, 0f);
                }
            }
        }
    }

    // The adjoint of im2col: each contiguous run is added back onto x's gradient.
    private void col2im(float[] col, int s, float[] dx) {
        int H = in.height(), W = in.width(), C = in.channels();
        int OH = out.height(), OW = out.width(), P = patch();
        int xs = s * H * W * C;
        java.util.Arrays.fill(dx, xs, xs + H * W * C, 0f);
        int r = s * OH * OW * P;
        for (int oh = 0; oh < OH; oh++) {
            for (int ow = 0; ow < OW; ow++, r += P) {
                int j0 = Math.max(0, padLeft - ow), j1 = Math.min(kw, W + padLeft - ow);
                for (int i = 0, q = r; i < kh; i++, q += kw * C) {
                    int ih = oh + i - padTop;
                    if (ih < 0 || ih >= H) {
                        continue;
                    }
                    int d = xs + (ih * W + ow + j0 - padLeft) * C;
                    for (int e = q + j0 * C, end = q + j1 * C; e < end; e++, d++) {
                        dx[d] += col[e];
                    }
                }
            }
        }
    }

    /** The oracle: direct convolution, summed in double. {@code weights} and {@code bias} as in the flat layout. */
    public static void forwardReference(float[] x, Shape in, float[] weights, float[] bias, int kh, int kw,
                                        Padding padding, float[] y, int n) {
        int OC = bias.length;
        int OH = padding.outputSize(in.height(), kh, 1), OW = padding.outputSize(in.width(), kw, 1);
        int pt = padding.padBefore(in.height(), kh, 1), pl = padding.padBefore(in.width(), kw, 1);
        int H = in.height(), W = in.width(), C = in.channels();
        for (int s = 0; s < n; s++) {
            for (int oh = 0; oh < OH; oh++) {
                for (int ow = 0; ow < OW; ow++) {
                    for (int o = 0; o < OC; o++) {
                        double sum = bias[o];
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                int ih = oh + i - pt, iw = ow + j - pl;
                                if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
                                    continue;
                                }
                                for (int c = 0; c < C; c++) {
                                    sum += (double) x[((s * H + ih) * W + iw) * C + c] * weights[((i * kw + j) * C + c) * OC + o];
                                }
                            }
                        }
                        y[((s * OH + oh) * OW + ow) * OC + o] = (float) sum;
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "conv" + kh + "x" + kw + "(" + in + "->" + out + ", " + padding + ")";
    }
}
