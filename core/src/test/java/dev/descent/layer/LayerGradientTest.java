package dev.descent.layer;

import dev.descent.init.Initializer;
import dev.descent.kernel.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every layer's backward pass against central finite differences, with the fast and the reference kernels. */
class LayerGradientTest {
    private static final Backend FAST = Backend.fast(2);
    private static final Backend REF = Backend.reference();
    private static final double EPS = 1e-2;  // layers are (piecewise) linear: a large step costs no truncation error
    private static final double TOL = 2e-3;

    @AfterAll
    static void close() {
        FAST.close();
        REF.close();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} k{3}x{4} out{5} {6} batch{7}")
    @CsvSource({"5,6,3,3,3,4,SAME,2", "7,5,2,5,5,3,SAME,3", "6,6,1,2,2,2,SAME,1", "6,7,2,3,2,3,VALID,2", "4,4,3,1,1,5,SAME,2"})
    void conv2d_backwardMatchesFiniteDifferences(int h, int w, int c, int kh, int kw, int oc, Padding pad, int n) {
        for (Backend be : new Backend[]{FAST, REF}) {
            Conv2d conv = new Conv2d(new Shape(h, w, c), kh, kw, oc, pad, Initializer.heNormal(), 0.1f);
            GradCheck.check(conv, GradCheck.gaussian(n * h * w * c, 3, 1), n, be, EPS, TOL);
        }
    }

    @Test
    void dense_backwardMatchesFiniteDifferences() {
        for (Backend be : new Backend[]{FAST, REF}) {
            GradCheck.check(new Dense(Shape.vector(13), 7, Initializer.glorotUniform(), 0.1f), GradCheck.gaussian(3 * 13, 4, 1), 3, be, EPS, TOL);
        }
    }

    @Test
    void relu_backwardMatchesFiniteDifferences() {
        float[] x = GradCheck.gaussian(2 * 30, 5, 1);
        for (int i = 0; i < x.length; i++) {
            x[i] += Math.copySign(0.1f, x[i]);  // keep clear of the kink at 0 by more than EPS
        }
        GradCheck.check(new Relu(new Shape(2, 3, 5)), x, 2, FAST, EPS, TOL);
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"4,4,3", "5,7,2", "1,1,1", "3,2,4"})
    void maxPool_backwardMatchesFiniteDifferences(int h, int w, int c) {
        int n = 2, len = n * h * w * c;
        // distinct values spaced 0.1 apart, shuffled: no ties, and an EPS step never changes a winner
        int[] perm = new int[len];
        for (int i = 0; i < len; i++) {
            perm[i] = i;
        }
        new dev.descent.random.Rng(8).shuffle(perm);
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = perm[i] * 0.1f;
        }
        GradCheck.check(new MaxPool2d(new Shape(h, w, c)), x, n, FAST, EPS, TOL);
    }

    /** The CNN's pools (even sizes, whole vectors of channels) against scalar loops, ties included: the first maximum wins. */
    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"28,28,32", "14,14,64", "4,6,16", "5,7,16", "4,4,3"})
    void maxPool_matchesScalarLoops_withTies(int h, int w, int c) {
        int n = 2;
        float[] x = GradCheck.gaussian(n * h * w * c, 9, 1), dy = GradCheck.gaussian(n * ((h + 1) / 2) * ((w + 1) / 2) * c, 10, 1);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.round(x[i] * 2) / 2f;  // few distinct values: many ties
        }
        MaxPool2d pool = new MaxPool2d(new Shape(h, w, c));
        LayerContext ctx = new LayerContext(FAST);
        pool.bind(null, n, ctx);
        float[] y = new float[dy.length], dx = new float[x.length];
        java.util.Arrays.fill(dx, Float.NaN);
        pool.forward(x, y, n, ctx);
        pool.backward(x, y, dy, dx, n, ctx);
        int oh = (h + 1) / 2, ow = (w + 1) / 2;
        float[] wantY = new float[y.length], wantDx = new float[x.length];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        int yo = ((s * oh + i) * ow + j) * c + ch, best = -1;
                        for (int a = 2 * i; a < Math.min(h, 2 * i + 2); a++) {
                            for (int b = 2 * j; b < Math.min(w, 2 * j + 2); b++) {
                                int xi = ((s * h + a) * w + b) * c + ch;
                                if (best < 0 || x[xi] > x[best]) {
                                    best = xi;
                                }
                            }
                        }
                        wantY[yo] = x[best];
                        wantDx[best] = dy[yo];
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(wantY, y);
        org.junit.jupiter.api.Assertions.assertArrayEquals(wantDx, dx);
    }

    @Test
    void dropout_backwardMatchesFiniteDifferences() {
        GradCheck.check(new Dropout(Shape.vector(40), 0.5), GradCheck.gaussian(3 * 40, 6, 1), 3, FAST, EPS, TOL);
    }

    @Test
    void flatten_backwardMatchesFiniteDifferences() {
        GradCheck.check(new Flatten(new Shape(2, 3, 4)), GradCheck.gaussian(2 * 24, 7, 1), 2, FAST, EPS, TOL);
    }

    @Test
    void softmaxCrossEntropy_gradientMatchesFiniteDifferences() {
        int n = 3, k = 5;
        float[] z = GradCheck.gaussian(n * k, 9, 2);
        int[] labels = {0, 4, 2};
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(k, n);
        ce.forward(z, labels, n);
        float[] dz = new float[n * k];
        ce.backward(labels, n, dz);
        double eps = 1e-3;
        for (int i = 0; i < z.length; i++) {
            float saved = z[i];
            z[i] = (float) (saved + eps);
            double lp = ce.forward(z, labels, n);
            z[i] = (float) (saved - eps);
            double lm = ce.forward(z, labels, n);
            z[i] = saved;
            GradCheck.compare("dz[" + i + "]", dz[i], (lp - lm) / (2 * eps), 1e-3);
        }
    }

    @Test
    void softmaxCrossEntropy_matchesHandComputationAndIsStableForHugeLogits() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(3, 2);
        // row 0: logits (0, 0, 0) → loss ln 3; row 1: logits (1000, 0, -1000), label 0 → loss ≈ e^-1000 ≈ 0
        double loss = ce.forward(new float[]{0, 0, 0, 1000, 0, -1000}, new int[]{1, 0}, 2);
        assertEquals(Math.log(3) / 2, loss, 1e-7);
        double huge = ce.forward(new float[]{0, 0, 0, -1000, 0, 1000}, new int[]{1, 0}, 2);
        assertEquals((Math.log(3) + 2000) / 2, huge, 1e-3);
    }
}
