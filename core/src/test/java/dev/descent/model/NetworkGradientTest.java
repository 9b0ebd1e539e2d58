package dev.descent.model;

import dev.descent.init.Initializer;
import dev.descent.kernel.Backend;
import dev.descent.layer.Padding;
import dev.descent.layer.Shape;
import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole networks: the gradient of the loss against central finite differences, and the CNN's layout. */
class NetworkGradientTest {

    @Test
    void cnnShapedNetwork_lossGradientMatchesFiniteDifferences() {
        // the reference CNN's layer sequence at a size where every parameter can be probed quickly
        Initializer he = Initializer.heNormal();
        try (Backend be = Backend.fast(2)) {
            Network net = Network.builder(new Shape(9, 9, 1))
                    .conv(5, 3, Padding.SAME, he, 0.1f).relu().maxPool()
                    .conv(3, 4, Padding.SAME, he, 0.1f).relu().maxPool()
                    .flatten().dense(6, he, 0.1f).relu().dropout(0.5).dense(4, he, 0.1f)
                    .build(3, be);
            net.initialize(2);
            int n = 3;
            float[] x = new float[n * 81];
            Rng r = new Rng(4);
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
            int[] y = {0, 3, 1};
            net.trainStep(x, y, n, new Rng(77));
            float[] analytic = net.parameters().grad().clone();
            float[] p = net.parameters().data();
            double eps = 1e-3, num = 0, den = 0;
            for (int i = 0; i < p.length; i++) {
                float saved = p[i];
                p[i] = (float) (saved + eps);
                net.forward(x, n, true, new Rng(77));
                double lp = net.loss(y, n);
                p[i] = (float) (saved - eps);
                net.forward(x, n, true, new Rng(77));
                double lm = net.loss(y, n);
                p[i] = saved;
                double numeric = (lp - lm) / (2 * eps);
                num += (analytic[i] - numeric) * (analytic[i] - numeric);
                den += analytic[i] * analytic[i] + numeric * numeric;
            }
            // relative error of the whole gradient vector; float forward passes limit it to ~1e-4 here
            double rel = Math.sqrt(num / den);
            assertTrue(rel < 1e-2, "relative gradient error " + rel);
        }
    }

    @Test
    void referenceCnn_hasTheDocumentedLayoutAndInitialisation() {
        try (Backend be = Backend.reference()) {
            Network cnn = Models.create("cnn", new Shape(28, 28, 1), 10, 2, be);
            // 5·5·1·32+32 + 5·5·32·64+64 + 3136·1024+1024 + 1024·10+10
            assertEquals(832 + 51264 + 3212288 + 10250, cnn.parameters().size());
            assertEquals(new Shape(1, 1, 10), cnn.outputShape());
            cnn.initialize(1);
            float[] p = cnn.parameters().data();
            var b1 = cnn.parameters().view("conv1/b");
            assertEquals(0.1f, p[b1.offset()]);
            var w3 = cnn.parameters().view("fc1/w");
            double sum = 0, sq = 0, max = 0;
            for (int i = w3.offset(); i < w3.end(); i++) {
                sum += p[i];
                sq += (double) p[i] * p[i];
                max = Math.max(max, Math.abs(p[i]));
            }
            double mean = sum / w3.size(), var = sq / w3.size() - mean * mean;
            // He normal, truncated: variance 2 / fan_in, nothing beyond two (untruncated) standard deviations
            assertEquals(2.0 / 3136, var, 0.02 * 2.0 / 3136);
            double std = Math.sqrt(2.0 / 3136) / 0.87962566103423978;
            assertTrue(max <= 2 * std + 1e-7, "max |w| " + max + " beyond 2 std " + 2 * std);
        }
    }
}
