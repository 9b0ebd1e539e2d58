package dev.descent.optim;

import dev.descent.kernel.WorkerPool;
import dev.descent.random.Rng;
import dev.descent.tensor.ParamView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Adafactor's factoring of tensors of more than two dimensions against a slow reference in double (the matrix
 * goldens cover 2-D views), and its state and threads on a layout with matrices.
 */
class AdafactorTest {

    private static float[] random(int n, long seed, double scale) {
        Rng r = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (scale * r.nextGaussian());
        }
        return x;
    }

    /** Row-major flat index of {@code idx} in {@code shape}. */
    private static int flat(int[] shape, int[] idx) {
        int f = 0;
        for (int k = 0; k < shape.length; k++) {
            f = f * shape[k] + idx[k];
        }
        return f;
    }

    /** Advances a multi-index; false after the last. */
    private static boolean next(int[] shape, int[] idx) {
        for (int k = shape.length - 1; k >= 0; k--) {
            if (++idx[k] < shape[k]) {
                return true;
            }
            idx[k] = 0;
        }
        return false;
    }

    /**
     * The first step from zero state (β̂₂₁ = 0) by the equations, in double, enumerating multi-indices: r = mean
     * over C of g² (+ε₁), s = mean over R, V̂ = r·s / mean_R(r), u = g/√V̂, û = u / max(1, RMS(u)),
     * θ − ρ·max(ε₂, RMS(θ))·û.
     */
    private static double[] firstStep(int[] shape, int rDim, int cDim, float[] p, float[] g, double eps1, double rho) {
        int n = p.length;
        double[] r = new double[n], s = new double[n], norm = new double[n];   // indexed by the full flat index with C (R) zeroed
        int[] idx = new int[shape.length];
        do {
            int[] noC = idx.clone(), noR = idx.clone();
            noC[cDim] = 0;
            noR[rDim] = 0;
            double g2 = (double) g[flat(shape, idx)] * g[flat(shape, idx)] + eps1;
            r[flat(shape, noC)] += g2 / shape[cDim];
            s[flat(shape, noR)] += g2 / shape[rDim];
        } while (next(shape, idx));
        do {
            int[] noC = idx.clone(), noRC = idx.clone();
            noC[cDim] = 0;
            noRC[cDim] = 0;
            noRC[rDim] = 0;
            if (idx[cDim] == 0) {
                norm[flat(shape, noRC)] += r[flat(shape, noC)] / shape[rDim];
            }
        } while (next(shape, idx));
        double[] u = new double[n];
        double uu = 0, pp = 0;
        do {
            int[] noC = idx.clone(), noR = idx.clone(), noRC = idx.clone();
            noC[cDim] = 0;
            noR[rDim] = 0;
            noRC[cDim] = 0;
            noRC[rDim] = 0;
            int f = flat(shape, idx);
            u[f] = g[f] / Math.sqrt(r[flat(shape, noC)] * s[flat(shape, noR)] / norm[flat(shape, noRC)]);
            uu += u[f] * u[f];
            pp += (double) p[f] * p[f];
        } while (next(shape, idx));
        double clip = Math.max(1, Math.sqrt(uu / n)), step = rho * Math.max(1e-3, Math.sqrt(pp / n)) / clip;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = p[i] - step * u[i];
        }
        return out;
    }

    private static void assertFirstStep(String spec, int[] shape, int rDim, int cDim, double eps1, double rho, double lr) {
        ParamView view = new ParamView("w", 0, shape, ParamView.Kind.WEIGHT);
        float[] p = random(view.size(), 3, 0.5), g = random(view.size(), 4, 1);
        double[] expected = firstStep(shape, rDim, cDim, p, g, eps1, rho);
        Optimizer o = Optimizers.parse(spec);
        o.useLayout(List.of(view));
        o.step(p, g, lr);
        for (int i = 0; i < p.length; i++) {
            assertEquals(expected[i], p[i], 2e-6 * Math.max(1, Math.abs(expected[i])), spec + " p" + i);
        }
    }

    /** PyTorch factors a convolution (kh, kw, in, out) over its kernel: torch's last two dimensions (kh, kw). */
    @Test
    void step_pytorchConvolution_factorsKernelPerChannelPair() {
        assertFirstStep("adafactor(convention=pytorch)", new int[] {3, 2, 4, 5}, 0, 1, 0, Math.min(0.1, 1), 0.1);
    }

    /** PyTorch factors a dense (in, out) weight as its (out, in): row statistics per output. */
    @Test
    void step_pytorchDense_factorsRowsPerOutput() {
        assertFirstStep("adafactor(convention=pytorch)", new int[] {6, 4}, 1, 0, 0, 0.1, 0.1);
    }

    /** Optax factors the two largest dimensions: of (2, 5, 3, 4) that is 5 (its r) and 4 (C), a batch of 2 × 3. */
    @Test
    void step_optaxFourDimensions_factorsTheTwoLargest() {
        assertFirstStep("adafactor(convention=optax, min_dim_size_to_factor=4)", new int[] {2, 5, 3, 4}, 1, 3, 1e-30, 0.05, 0.05);
    }

    /** Below min_dim_size_to_factor nothing is factored: the first step is then lr·RMS(θ)·sign(g)/max(1, RMS) = lr·RMS(θ)·sign(g). */
    @Test
    void step_optaxSmallMatrix_unfactored() {
        float[] p = random(12, 5, 0.5), g = random(12, 6, 1);
        double pp = 0;
        for (float x : p) {
            pp += (double) x * x;
        }
        double step = 0.05 * Math.sqrt(pp / 12);
        float[] expected = new float[12];
        for (int i = 0; i < 12; i++) {
            expected[i] = (float) (p[i] - step * Math.signum(g[i]));
        }
        Optimizer o = Optimizers.parse("adafactor(convention=optax)");
        o.useLayout(List.of(new ParamView("w", 0, new int[] {3, 4}, ParamView.Kind.WEIGHT)));
        o.step(p, g, 0.05);
        assertArrayEquals(expected, p, 1e-6f);
    }

    private static List<ParamView> cnnLike() {
        return List.of(new ParamView("conv/w", 0, new int[] {3, 3, 4, 8}, ParamView.Kind.WEIGHT),
                new ParamView("conv/b", 288, new int[] {8}, ParamView.Kind.BIAS),
                new ParamView("fc1/w", 296, new int[] {200, 130}, ParamView.Kind.WEIGHT),
                new ParamView("fc1/b", 26296, new int[] {130}, ParamView.Kind.BIAS),
                new ParamView("fc2/w", 26426, new int[] {130, 10}, ParamView.Kind.WEIGHT));
    }

    private static final String[] SPECS = {"adafactor", "adafactor(convention=optax, min_dim_size_to_factor=8, momentum=0.9)",
            "adafactor(convention=pytorch, weight_decay=0.1)"};

    @Test
    void restore_withLayout_continuesBitIdentically() throws IOException {
        int n = 26426 + 1300;
        float[][] g = new float[6][];
        for (int t = 0; t < 6; t++) {
            g[t] = random(n, 7 + t, 1);
        }
        for (String spec : SPECS) {
            Optimizer straight = Optimizers.parse(spec);
            straight.useLayout(cnnLike());
            float[] p = random(n, 1, 0.1), q = null;
            OptimizerState saved = null;
            for (int t = 0; t < 6; t++) {
                if (t == 3) {
                    saved = OptimizerStateTest.throughBytes(straight.state());
                    q = p.clone();
                }
                straight.step(p, g[t].clone(), 0.01);
            }
            Optimizer resumed = Optimizers.parse(spec);
            resumed.useLayout(cnnLike());
            resumed.restore(saved);
            for (int t = 3; t < 6; t++) {
                resumed.step(q, g[t].clone(), 0.01);
            }
            assertArrayEquals(OptimizerStateTest.bits(p), OptimizerStateTest.bits(q), spec);
            assertEquals(straight.state(), resumed.state(), spec);
        }
    }

    @Test
    void step_onWorkers_matchesOneThreadBitForBit() {
        int n = 26426 + 1300;
        for (String spec : SPECS) {
            Optimizer one = Optimizers.parse(spec), three = Optimizers.parse(spec);
            one.useLayout(cnnLike());
            three.useLayout(cnnLike());
            float[] p = random(n, 2, 0.1), q = p.clone();
            try (WorkerPool pool = new WorkerPool(3)) {
                three.useWorkers(pool);
                for (int t = 0; t < 3; t++) {
                    float[] g = random(n, 20 + t, 1);
                    one.step(p, g.clone(), 0.01);
                    three.step(q, g.clone(), 0.01);
                }
            }
            assertArrayEquals(OptimizerStateTest.bits(p), OptimizerStateTest.bits(q), spec);
        }
    }

    /** The layout matters: fc1 factored and fc1 as a plain vector step differently. */
    @Test
    void useLayout_factoringChangesTheStep() {
        int n = 26426 + 1300;
        float[] p = random(n, 2, 0.1), q = p.clone(), g = random(n, 9, 1);
        Optimizer factored = Optimizers.parse("adafactor(convention=optax, min_dim_size_to_factor=8)"), flat = Optimizers.parse("adafactor(convention=optax, min_dim_size_to_factor=8)");
        factored.useLayout(cnnLike());
        for (int t = 0; t < 2; t++) {
            factored.step(p, g, 0.01);
            flat.step(q, g, 0.01);
        }
        assertNotEquals(p[300], q[300]);
    }
}
