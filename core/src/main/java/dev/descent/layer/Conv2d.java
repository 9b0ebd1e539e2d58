package dev.descent.layer;

import dev.descent.init.Initializer;
import dev.descent.kernel.Backend;
import dev.descent.kernel.Gemm;
import dev.descent.kernel.VectorGemm;
import dev.descent.kernel.Vectors;
import dev.descent.random.Rng;
import dev.descent.tensor.ParamView;
import dev.descent.tensor.Parameters;

/**
 * 2-D convolution, stride 1, NHWC activations, weights HWIO ({@code kh × kw × in × out}, TensorFlow's
 * layout), SAME or VALID padding, plus bias.
 *
 * <p>Computed as a matrix multiply on im2col's matrix: each output pixel's receptive field is one row of
 * {@code col} ({@code kh·kw·in} values in HWC order, zeros where padded), so {@code y = b + col · W} with
 * W read as a {@code (kh·kw·in) × out} matrix — and the product is NHWC already (y is filled with the bias
 * and the product accumulated onto it). Backward: {@code dW = colᵀ · dy}, {@code db = Σ dy},
 * {@code dcol = dy · Wᵀ} scattered back by col2im. {@link #forwardReference} is the direct seven-loop oracle.
 *
 * <p>col is never written: it would be 31 MB for conv2 at batch 50, written once and read twice from main
 * memory, which made conv2's products memory-bound, and for conv1 (one channel) its copying cost more than its
 * product. Instead the input is copied once into a zero-bordered buffer ({@code xpad}, 2 MB for conv2) and the
 * products gather col's elements from it ({@link Gemm#gemmIndexed}): {@code col[r, q] = xpad[pixel[r] + tap[q]]},
 * where a patch's offsets run along each kernel row (stride 1) and the pixels' along each output row (stride C).
 * <ul>
 * <li>forward: a task per example, {@code y_s = b + col_s · W};
 * <li>dW: a task per band of rows of dW (a range of the patch index q: {@code colᵀ[q, r] = xpad[tap[q] + pixel[r]]},
 *     the roles swapped) is one gathered product over the whole batch (each example's output rows are runs of
 *     the operand, {@code batchRows}), so every element of dW is one chain over all rows of col in order — the bits
 *     do not depend on the thread count and equal those of the product on the whole col;
 * <li>dx: a task per example computes its rows of dcol against Wᵀ (transposed once per step) into its thread's
 *     scratch and scatters them.
 * </ul>
 */
public final class Conv2d implements Layer {
    private final Shape in;
    private final Shape out;
    private final int kh, kw;
    private final Padding padding;
    private final int padTop, padLeft;
    private final int padH, padW;  // the zero-bordered input: (OH + kh − 1) × (OW + kw − 1) × C per example
    private final int[] pixel;     // offset in one example's xpad of each output pixel's receptive field
    private final int[] tap;       // offset of each element of a patch (kernel row, column, channel) from it
    private final int[] kernelRows;  // tap offsets run along a kernel row: its start offsets, stride 1
    private final Initializer weightInit;
    private final float biasInit;
    private ParamView w, b;
    private float[] params, grads;
    private float[] xpad;       // the latest forward's input, zero-bordered
    private float[][] dcols;    // per pool thread: one example's rows of dcol
    private float[] wT;         // Wᵀ (out × patch) for dcol = dy · Wᵀ
    private int[] batchRows;    // colᵀ's runs: every output row of every example of capacity, its start in xpad (stride C)

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
        this.padH = out.height() + kh - 1;
        this.padW = out.width() + kw - 1;
        int C = in.channels();
        this.pixel = new int[out.height() * out.width()];
        for (int oh = 0, r = 0; oh < out.height(); oh++) {
            for (int ow = 0; ow < out.width(); ow++, r++) {
                pixel[r] = (oh * padW + ow) * C;
            }
        }
        this.tap = new int[kh * kw * C];
        for (int i = 0, q = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                for (int c = 0; c < C; c++, q++) {
                    tap[q] = (i * padW + j) * C + c;
                }
            }
        }
        this.kernelRows = new int[kh];
        for (int i = 0; i < kh; i++) {
            kernelRows[i] = i * padW * C;
        }
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

    private int padded() {
        return padH * padW * in.channels();
    }

    @Override
    public void declare(Parameters.Builder p, String prefix) {
        w = p.add(prefix + "w", ParamView.Kind.WEIGHT, kh, kw, in.channels(), out.channels());
        b = p.add(prefix + "b", ParamView.Kind.BIAS, out.channels());
    }

    @Override
    public long scratchPerExample() {
        return padded();
    }

    @Override
    public void bind(Parameters p, int capacity, LayerContext ctx) {
        params = p.data();
        grads = p.grad();
        xpad = new float[capacity * padded()];  // borders stay zero: only interiors are ever written
        dcols = new float[ctx.backend().threads()][out.height() * out.width() * patch()];
        wT = new float[patch() * out.channels()];
        batchRows = new int[capacity * out.height()];
        for (int s = 0, r = 0; s < capacity; s++) {
            for (int oh = 0; oh < out.height(); oh++, r++) {
                batchRows[r] = s * padded() + oh * padW * in.channels();
            }
        }
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
        Gemm gemm = be.gemm().serial();
        int rows = out.height() * out.width(), oc = out.channels(), P = patch(), bo = b.offset(), wo = w.offset();
        int H = in.height(), W = in.width(), C = in.channels(), X = padded();
        be.pool().forEach(n, s -> {
            for (int ih = 0; ih < H; ih++) {
                System.arraycopy(x, (s * H + ih) * W * C, xpad, s * X + ((ih + padTop) * padW + padLeft) * C, W * C);
            }
            // y starts as the bias and the product accumulates onto it: one pass over y instead of two
            for (int r = s * rows * oc, end = r + rows * oc; r < end; r += oc) {
                System.arraycopy(params, bo, y, r, oc);
            }
            gemm.gemmIndexed(rows, oc, P, xpad, s * X, pixel, 0, kernelRows, kw * C, 1, params, wo, oc, y, s * rows * oc, oc, true);
        });
    }

    @Override
    public void backward(float[] x, float[] y, float[] dy, float[] dx, int n, LayerContext ctx) {
        Backend be = ctx.backend();
        Gemm gemm = be.gemm().serial();
        int rows = out.height() * out.width(), oc = out.channels(), P = patch(), wo = w.offset();
        int OW = out.width(), C = in.channels();
        // dW = colᵀ · dy (patch × oc), summed over all rows in order: each task a band of dW's rows; one more task
        // sums db = Σ dy meanwhile
        int band = Math.min(P, roundUp((P + 2 * be.threads() - 1) / (2 * be.threads()), VectorGemm.TILE_ROWS));
        int bands = (P + band - 1) / band;
        be.pool().forEach(bands + 1, t -> {
            if (t == bands) {
                Vectors.sumRows(dy, n * rows, oc, grads, b.offset());
                return;
            }
            // one product over all n·rows rows of col, the examples' output rows being runs of one gathered operand:
            // the same chain per element as example by example, with fewer calls and C stored once per KC block
            int i0 = t * band, width = Math.min(P, i0 + band) - i0;
            gemm.gemmIndexed(width, oc, n * rows, xpad, 0, tap, i0, batchRows, OW, C, dy, 0, oc, grads, wo + i0 * oc, oc, false);
        });
        if (dx == null) {
            return;
        }
        // dcol = dy · Wᵀ (rows × patch) for one example at a time, then scatter-added into dx
        for (int j = 0; j < P; j++) {
            for (int o = 0; o < oc; o++) {
                wT[o * P + j] = params[wo + j * oc + o];
            }
        }
        be.pool().forEach(n, (s, slot) -> {
            float[] dcol = dcols[slot];
            gemm.gemm(false, false, rows, P, oc, dy, s * rows * oc, oc, wT, 0, P, dcol, 0, P, false);
            col2im(dcol, s, dx);
        });
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    // The adjoint of im2col for example s's rows of dcol: each contiguous run is added back onto x's gradient.
    private void col2im(float[] col, int s, float[] dx) {
        int H = in.height(), W = in.width(), C = in.channels();
        int OH = out.height(), OW = out.width(), P = patch();
        int xs = s * H * W * C;
        java.util.Arrays.fill(dx, xs, xs + H * W * C, 0f);
        int r = 0;
        for (int oh = 0; oh < OH; oh++) {
            for (int ow = 0; ow < OW; ow++, r += P) {
                int j0 = Math.max(0, padLeft - ow), j1 = Math.min(kw, W + padLeft - ow);
                for (int i = 0, q = r; i < kh; i++, q += kw * C) {
                    int ih = oh + i - padTop;
                    if (ih < 0 || ih >= H) {
                        continue;
                    }
                    Vectors.addInto(col, q + j0 * C, dx, xs + (ih * W + ow + j0 - padLeft) * C, (j1 - j0) * C);
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
