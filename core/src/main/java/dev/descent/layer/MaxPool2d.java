package dev.descent.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * 2×2 max pooling with stride 2 and SAME padding as TensorFlow defines it (output {@code ceil(in / 2)};
 * for an odd size the padding goes after, and padded cells never win). NHWC.
 *
 * <p>Backward routes {@code dy} to the cell of the window that holds the maximum, found again by
 * comparing {@code x} with {@code y} (ties go to the first cell in row-major order), so forward keeps no
 * index array and is a plain vector maximum over the channels. Windows do not overlap, so every cell of
 * {@code dx} belongs to at most one window.
 */
public final class MaxPool2d implements Layer {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int K = 2, STRIDE = 2;
    private final Shape in;
    private final Shape out;
    private final int padTop, padLeft;
    private int[] cells;  // K·K window offsets per example, scratch for the parallel tasks

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
    public long scratchPerExample() {
        return K * K;
    }

    @Override
    public void bind(dev.descent.tensor.Parameters params, int capacity, LayerContext ctx) {
        cells = new int[capacity * K * K];
    }

    // x is (n, H, W, C), y is (n, OH, OW, C)
    @Override
    public void forward(float[] x, float[] y, int n, LayerContext ctx) {
        ctx.backend().pool().forEach(n, s -> forwardSample(x, y, s));
    }

    /**
     * Even height and width and whole vectors of channels (the CNN's pools): every window has its four cells, so
     * the offsets are computed, not listed, and no channel is left for a scalar tail. The same operations in the
     * same order as the general path; about twice as fast.
     */
    private boolean regular() {
        return in.height() % 2 == 0 && in.width() % 2 == 0 && in.channels() % S.length() == 0;
    }

    private void forwardSample(float[] x, float[] y, int s) {
        if (regular()) {
            int C = in.channels(), W = in.width(), OH = out.height(), OW = out.width(), L = S.length();
            for (int oh = 0; oh < OH; oh++) {
                for (int ow = 0; ow < OW; ow++) {
                    int x0 = ((s * in.height() + 2 * oh) * W + 2 * ow) * C, x2 = x0 + W * C;
                    int yo = ((s * OH + oh) * OW + ow) * C;
                    for (int c = 0; c < C; c += L) {
                        FloatVector.fromArray(S, x, x0 + c).max(FloatVector.fromArray(S, x, x0 + C + c))
                                .max(FloatVector.fromArray(S, x, x2 + c)).max(FloatVector.fromArray(S, x, x2 + C + c))
                                .intoArray(y, yo + c);
                    }
                }
            }
            return;
        }
        int C = in.channels(), OH = out.height(), OW = out.width(), q0 = s * K * K;
        for (int oh = 0; oh < OH; oh++) {
            for (int ow = 0; ow < OW; ow++) {
                int count = window(s, oh, ow, cells, q0);
                int yo = ((s * OH + oh) * OW + ow) * C;
                int c = 0;
                for (int end = S.loopBound(C); c < end; c += S.length()) {
                    FloatVector m = FloatVector.fromArray(S, x, cells[q0] + c);
                    for (int q = q0 + 1; q < q0 + count; q++) {
                        m = m.max(FloatVector.fromArray(S, x, cells[q] + c));
                    }
                    m.intoArray(y, yo + c);
                }
                for (; c < C; c++) {
                    float m = x[cells[q0] + c];
                    for (int q = q0 + 1; q < q0 + count; q++) {
                        m = Math.max(m, x[cells[q] + c]);
                    }
                    y[yo + c] = m;
                }
            }
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] dy, float[] dx, int n, LayerContext ctx) {
        ctx.backend().pool().forEach(n, s -> backwardSample(x, y, dy, dx, s));
    }

    // Every cell of x lies in exactly one window (stride = window size, SAME covers the edge), so each
    // cell of dx is written once, by its window, and needs no zeroing first.
    private void backwardSample(float[] x, float[] y, float[] dy, float[] dx, int s) {
        FloatVector zero = FloatVector.zero(S);
        if (regular()) {
            int C = in.channels(), W = in.width(), OH = out.height(), OW = out.width(), L = S.length();
            for (int oh = 0; oh < OH; oh++) {
                for (int ow = 0; ow < OW; ow++) {
                    int x0 = ((s * in.height() + 2 * oh) * W + 2 * ow) * C, x2 = x0 + W * C;
                    int yo = ((s * OH + oh) * OW + ow) * C;
                    for (int c = 0; c < C; c += L) {
                        FloatVector m = FloatVector.fromArray(S, y, yo + c), g = FloatVector.fromArray(S, dy, yo + c);
                        VectorMask<Float> open = S.maskAll(true);  // lanes whose maximum is not yet found
                        open = route(x, x0 + c, m, g, zero, open, dx);
                        open = route(x, x0 + C + c, m, g, zero, open, dx);
                        open = route(x, x2 + c, m, g, zero, open, dx);
                        route(x, x2 + C + c, m, g, zero, open, dx);
                    }
                }
            }
            return;
        }
        int C = in.channels(), OH = out.height(), OW = out.width(), q0 = s * K * K;
        for (int oh = 0; oh < OH; oh++) {
            for (int ow = 0; ow < OW; ow++) {
                int count = window(s, oh, ow, cells, q0);
                int yo = ((s * OH + oh) * OW + ow) * C;
                int c = 0;
                for (int end = S.loopBound(C); c < end; c += S.length()) {
                    FloatVector m = FloatVector.fromArray(S, y, yo + c), g = FloatVector.fromArray(S, dy, yo + c);
                    VectorMask<Float> open = S.maskAll(true);  // lanes whose maximum is not yet found
                    for (int q = q0; q < q0 + count; q++) {
                        VectorMask<Float> hit = FloatVector.fromArray(S, x, cells[q] + c).eq(m).and(open);
                        zero.blend(g, hit).intoArray(dx, cells[q] + c);
                        open = open.andNot(hit);
                    }
                }
                for (; c < C; c++) {
                    boolean found = false;
                    for (int q = q0; q < q0 + count; q++) {
                        boolean hit = !found && x[cells[q] + c] == y[yo + c];
                        dx[cells[q] + c] = hit ? dy[yo + c] : 0f;
                        found |= hit;
                    }
                }
            }
        }
    }

    /** One cell of a window: {@code dy} where the cell holds the maximum and no earlier cell did, else 0; returns the lanes still open. */
    private static VectorMask<Float> route(float[] x, int cell, FloatVector m, FloatVector g, FloatVector zero,
                                           VectorMask<Float> open, float[] dx) {
        VectorMask<Float> hit = FloatVector.fromArray(S, x, cell).eq(m).and(open);
        zero.blend(g, hit).intoArray(dx, cell);
        return open.andNot(hit);
    }

    /** Writes the offsets in x of the in-bounds cells of a window from {@code cells[q0]}, in row-major order; returns how many. */
    private int window(int s, int oh, int ow, int[] cells, int q0) {
        int H = in.height(), W = in.width(), C = in.channels(), count = 0;
        for (int i = 0; i < K; i++) {
            int ih = oh * STRIDE + i - padTop;
            for (int j = 0; j < K; j++) {
                int iw = ow * STRIDE + j - padLeft;
                if (ih >= 0 && ih < H && iw >= 0 && iw < W) {
                    cells[q0 + count++] = ((s * H + ih) * W + iw) * C;
                }
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "maxpool2x2(" + in + "->" + out + ")";
    }
}
