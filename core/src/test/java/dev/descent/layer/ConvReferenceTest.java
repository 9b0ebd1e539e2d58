package dev.descent.layer;

import dev.descent.init.Initializer;
import dev.descent.kernel.Backend;
import dev.descent.tensor.ParamView;
import dev.descent.tensor.Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The convolution (gathered im2col + GEMM) against direct loops summed in double, forward and backward, on the CNN's
 * shapes and odd ones; the same bits for any thread count; and the same bits as the product on a materialized col.
 */
class ConvReferenceTest {

    @ParameterizedTest(name = "{0}x{1}x{2} k{3} out{4} {5} batch{6}")
    @CsvSource({"28,28,1,5,32,SAME,3", "14,14,32,5,64,SAME,2", "9,7,3,3,5,SAME,2", "9,7,3,4,5,SAME,1",
            "8,8,2,3,3,VALID,2", "1,1,4,5,2,SAME,2", "5,3,1,1,1,VALID,1"})
    void forward_matchesDirectConvolution(int h, int w, int c, int k, int oc, Padding pad, int n) {
        Shape in = new Shape(h, w, c);
        float[] x = GradCheck.gaussian(n * h * w * c, 21, 1);
        float[] fast1 = run(in, k, oc, pad, n, x, 1), fast2 = run(in, k, oc, pad, n, x, 2);
        assertArrayEquals(fast1, fast2, "the result must not depend on the thread count");

        Conv2d conv = new Conv2d(in, k, k, oc, pad, Initializer.heNormal(), 0.1f);
        Parameters.Builder pb = Parameters.builder();
        conv.declare(pb, "c/");
        Parameters p = pb.build();
        conv.initialize(p.data(), 7);
        ParamView w0 = p.view("c/w"), b0 = p.view("c/b");
        float[] ref = new float[fast1.length];
        Conv2d.forwardReference(x, in, Arrays.copyOfRange(p.data(), w0.offset(), w0.end()),
                Arrays.copyOfRange(p.data(), b0.offset(), b0.end()), k, k, pad, ref, n);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], fast1[i], 1e-4 * (1 + Math.abs(ref[i])), "output " + i);
        }
    }

    private static float[] run(Shape in, int k, int oc, Padding pad, int n, float[] x, int threads) {
        try (Backend be = Backend.fast(threads)) {
            Conv2d conv = new Conv2d(in, k, k, oc, pad, Initializer.heNormal(), 0.1f);
            Parameters.Builder pb = Parameters.builder();
            conv.declare(pb, "c/");
            Parameters p = pb.build();
            LayerContext ctx = new LayerContext(be);
            conv.bind(p, n, ctx);
            conv.initialize(p.data(), 7);
            float[] y = new float[n * conv.outputShape().size()];
            conv.forward(x, y, n, ctx);
            return y;
        }
    }

    /** One forward and backward pass: {y, dW, db, dx}. */
    private static float[][] pass(Shape in, int k, int oc, Padding pad, int n, float[] x, float[] dy, Backend be) {
        Conv2d conv = new Conv2d(in, k, k, oc, pad, Initializer.heNormal(), 0.1f);
        Parameters.Builder pb = Parameters.builder();
        conv.declare(pb, "c/");
        Parameters p = pb.build();
        LayerContext ctx = new LayerContext(be);
        conv.bind(p, n, ctx);
        conv.initialize(p.data(), 7);
        float[] y = new float[n * conv.outputShape().size()], dx = new float[x.length];
        java.util.Arrays.fill(p.grad(), Float.NaN);  // backward must overwrite, not accumulate
        java.util.Arrays.fill(dx, Float.NaN);
        conv.forward(x, y, n, ctx);
        conv.backward(x, y, dy, dx, n, ctx);
        ParamView w = p.view("c/w"), b = p.view("c/b");
        return new float[][]{y, Arrays.copyOfRange(p.grad(), w.offset(), w.end()), Arrays.copyOfRange(p.grad(), b.offset(), b.end()), dx,
                Arrays.copyOfRange(p.data(), w.offset(), w.end())};
    }

    @ParameterizedTest(name = "{0}x{1}x{2} k{3} out{4} {5} batch{6}")
    @CsvSource({"28,28,1,5,32,SAME,3", "14,14,32,5,64,SAME,2", "9,7,3,3,5,SAME,2", "9,7,3,4,5,SAME,1",
            "8,8,2,3,3,VALID,2", "1,1,4,5,2,SAME,2", "5,3,1,1,1,VALID,1", "6,5,7,2,13,SAME,3"})
    void backward_matchesDirectSums_andIsTheSameForAnyThreadCount(int h, int w, int c, int k, int oc, Padding pad, int n) {
        Shape in = new Shape(h, w, c);
        int OH = pad.outputSize(h, k, 1), OW = pad.outputSize(w, k, 1), pt = pad.padBefore(h, k, 1), pl = pad.padBefore(w, k, 1);
        float[] x = GradCheck.gaussian(n * h * w * c, 31, 1), dy = GradCheck.gaussian(n * OH * OW * oc, 32, 1);
        float[][] one, two, three;
        try (Backend b1 = Backend.fast(1); Backend b2 = Backend.fast(2); Backend b3 = Backend.fast(3)) {
            one = pass(in, k, oc, pad, n, x, dy, b1);
            two = pass(in, k, oc, pad, n, x, dy, b2);
            three = pass(in, k, oc, pad, n, x, dy, b3);
        }
        for (int part = 0; part < 4; part++) {
            assertArrayEquals(one[part], two[part], "part " + part + " must not depend on the thread count");
            assertArrayEquals(one[part], three[part], "part " + part + " must not depend on the thread count");
        }
        float[] wts = one[4];
        double[] dW = new double[wts.length], db = new double[oc], dx = new double[x.length];
        for (int s = 0; s < n; s++) {
            for (int oh = 0; oh < OH; oh++) {
                for (int ow = 0; ow < OW; ow++) {
                    for (int o = 0; o < oc; o++) {
                        double g = dy[((s * OH + oh) * OW + ow) * oc + o];
                        db[o] += g;
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int ih = oh + i - pt, iw = ow + j - pl;
                                if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                                    continue;
                                }
                                for (int ch = 0; ch < c; ch++) {
                                    int xi = ((s * h + ih) * w + iw) * c + ch, wi = ((i * k + j) * c + ch) * oc + o;
                                    dW[wi] += x[xi] * g;
                                    dx[xi] += wts[wi] * g;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertClose(dW, one[1], "dW");
        assertClose(db, one[2], "db");
        assertClose(dx, one[3], "dx");
    }

    private static void assertClose(double[] ref, float[] got, String what) {
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], got[i], 1e-4 * (1 + Math.abs(ref[i])), what + " " + i);
        }
    }

    /**
     * The gathered products give the bits of the plain products on a stored im2col matrix (how the layer computed
     * before it stopped storing col), so recorded runs keep their numbers.
     */
    @ParameterizedTest(name = "{0}x{1}x{2} k{3} out{4} {5} batch{6}")
    @CsvSource({"28,28,1,5,32,SAME,3", "14,14,32,5,64,SAME,2", "9,7,3,3,5,VALID,2"})
    void forwardAndWeightGradient_sameBitsAsProductsOnStoredCol(int h, int w, int c, int k, int oc, Padding pad, int n) {
        Shape in = new Shape(h, w, c);
        int OH = pad.outputSize(h, k, 1), OW = pad.outputSize(w, k, 1), pt = pad.padBefore(h, k, 1), pl = pad.padBefore(w, k, 1);
        float[] x = GradCheck.gaussian(n * h * w * c, 41, 1), dy = GradCheck.gaussian(n * OH * OW * oc, 42, 1);
        float[][] got;
        try (Backend be = Backend.fast(2)) {
            got = pass(in, k, oc, pad, n, x, dy, be);
            int P = k * k * c, rows = n * OH * OW;
            float[] col = new float[rows * P];
            for (int s = 0, r = 0; s < n; s++) {
                for (int oh = 0; oh < OH; oh++) {
                    for (int ow = 0; ow < OW; ow++, r++) {
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int ih = oh + i - pt, iw = ow + j - pl;
                                for (int ch = 0; ch < c; ch++) {
                                    boolean inside = ih >= 0 && ih < h && iw >= 0 && iw < w;
                                    col[r * P + (i * k + j) * c + ch] = inside ? x[((s * h + ih) * w + iw) * c + ch] : 0f;
                                }
                            }
                        }
                    }
                }
            }
            float[] y = new float[rows * oc], dW = new float[P * oc];
            for (int r = 0; r < rows; r++) {
                java.util.Arrays.fill(y, r * oc, (r + 1) * oc, 0.1f);
            }
            be.gemm().gemm(false, false, rows, oc, P, col, 0, P, got[4], 0, oc, y, 0, oc, true);
            be.gemm().gemm(true, false, P, oc, rows, col, 0, P, dy, 0, oc, dW, 0, oc, false);
            assertArrayEquals(y, got[0], "forward");
            assertArrayEquals(dW, got[1], "weight gradient");
        }
    }
}
