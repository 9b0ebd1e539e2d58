package dev.descent.layer;

import dev.descent.kernel.Backend;
import dev.descent.random.Rng;
import dev.descent.tensor.Parameters;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central finite differences for one layer: with the objective {@code J = Σ r·y} for a fixed random
 * {@code r}, the backward pass with {@code dy = r} must give {@code ∂J/∂x} and {@code ∂J/∂θ}.
 */
final class GradCheck {
    private GradCheck() {
    }

    static float[] gaussian(int n, long seed, double scale) {
        Rng r = new Rng(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }

    /** Returns the worst relative error seen; asserts it is below {@code tol}. */
    static double check(Layer layer, float[] x, int n, Backend backend, double eps, double tol) {
        Parameters.Builder pb = Parameters.builder();
        layer.declare(pb, "l/");
        Parameters p = pb.build();
        LayerContext ctx = new LayerContext(backend);
        layer.bind(p, n, ctx);
        layer.initialize(p.data(), 7);
        // perturb biases away from constants so their gradient is exercised
        float[] noise = gaussian(p.size(), 11, 0.05);
        for (int i = 0; i < p.size(); i++) {
            p.data()[i] += noise[i];
        }
        int outSize = n * layer.outputShape().size();
        float[] y = new float[outSize];
        float[] r = gaussian(outSize, 13, 1.0);
        float[] dx = new float[x.length];
        ctx.prepare(true, new Rng(99));
        layer.forward(x, y, n, ctx);
        layer.backward(x, y, r, dx, n, ctx);
        float[] dParams = p.grad().clone();

        double worst = 0;
        Rng pick = new Rng(5);
        for (int t = 0; t < Math.min(60, x.length); t++) {
            int i = x.length <= 60 ? t : pick.nextInt(x.length);
            float saved = x[i];
            x[i] = (float) (saved + eps);
            double jp = objective(layer, x, y, r, n, ctx);
            x[i] = (float) (saved - eps);
            double jm = objective(layer, x, y, r, n, ctx);
            x[i] = saved;
            worst = Math.max(worst, compare("dx[" + i + "]", dx[i], (jp - jm) / (2 * eps), tol));
        }
        for (int t = 0; t < Math.min(60, p.size()); t++) {
            int i = p.size() <= 60 ? t : pick.nextInt(p.size());
            float saved = p.data()[i];
            p.data()[i] = (float) (saved + eps);
            double jp = objective(layer, x, y, r, n, ctx);
            p.data()[i] = (float) (saved - eps);
            double jm = objective(layer, x, y, r, n, ctx);
            p.data()[i] = saved;
            worst = Math.max(worst, compare("dparam[" + i + "]", dParams[i], (jp - jm) / (2 * eps), tol));
        }
        return worst;
    }

    private static double objective(Layer layer, float[] x, float[] y, float[] r, int n, LayerContext ctx) {
        ctx.prepare(true, new Rng(99));
        layer.forward(x, y, n, ctx);
        double j = 0;
        for (int i = 0; i < y.length; i++) {
            j += (double) r[i] * y[i];
        }
        return j;
    }

    static double compare(String what, double analytic, double numeric, double tol) {
        double err = Math.abs(analytic - numeric) / Math.max(1e-2, Math.abs(analytic) + Math.abs(numeric));
        assertTrue(err < tol, what + ": analytic " + analytic + " vs numeric " + numeric + " (relative error " + err + ")");
        return err;
    }
}
