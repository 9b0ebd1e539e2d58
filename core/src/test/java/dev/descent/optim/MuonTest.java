package dev.descent.optim;

import dev.descent.kernel.WorkerPool;
import dev.descent.random.Rng;
import dev.descent.tensor.ParamView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Muon's matrix path against hand computations, and its state and threads on a layout with matrices. */
class MuonTest {

    /** The quintic p(σ) = aσ + bσ³ + cσ⁵ applied {@code steps} times, in double. */
    private static double quintic(double s, int steps) {
        for (int i = 0; i < steps; i++) {
            s = 3.4445 * s + -4.7750 * s * s * s + 2.0315 * s * s * s * s * s;
        }
        return s;
    }

    /**
     * A diagonal 2×3 gradient (momentum 0 and no Nesterov, so U = g): its singular vectors are the axes, so
     * Newton–Schulz maps each singular value σᵢ/‖U‖_F through the quintic 5 times, and θ moves by −lr·s·that.
     */
    @Test
    void step_diagonalMatrix_mapsEachSingularValueThroughTheQuintic() {
        Optimizer muon = Optimizers.parse("muon(momentum=0, nesterov=false, aux_first_last=false)");
        muon.useLayout(List.of(new ParamView("w", 0, new int[] {2, 3}, ParamView.Kind.WEIGHT)));
        float[] p = new float[6], g = {3, 0, 0, 0, 4, 0};
        muon.step(p, g, 0.1);
        double scale = Math.sqrt(3.0 / 2.0);   // √max(1, fan-out/fan-in)
        double[] expected = {-0.1 * scale * quintic(3 / 5.0, 5), 0, 0, 0, -0.1 * scale * quintic(4 / 5.0, 5), 0};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], p[i], 2e-6, "p" + i);
        }
    }

    /** A tall matrix (3×2) goes through its transpose: the same singular values come out. */
    @Test
    void step_tallMatrix_sameAsItsTranspose() {
        Optimizer wide = Optimizers.parse("muon(momentum=0, nesterov=false, aux_first_last=false, lr_adjust=none)");
        Optimizer tall = Optimizers.parse("muon(momentum=0, nesterov=false, aux_first_last=false, lr_adjust=none)");
        wide.useLayout(List.of(new ParamView("w", 0, new int[] {2, 3}, ParamView.Kind.WEIGHT)));
        tall.useLayout(List.of(new ParamView("w", 0, new int[] {3, 2}, ParamView.Kind.WEIGHT)));
        float[] g = {1, 2, -1, 0.5f, 3, 1}, gt = {1, 0.5f, 2, 3, -1, 1};
        float[] p = new float[6], q = new float[6];
        wide.step(p, g, 1);
        tall.step(q, gt, 1);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(p[i * 3 + j], q[j * 2 + i], 1e-6);
            }
        }
    }

    /** With aux_first_last the first and last weights, and always the biases, are stepped by AdamW: sign-like first steps. */
    @Test
    void step_auxFirstLast_routesInputLayerHeadAndBiasesToAdamW() {
        List<ParamView> views = List.of(new ParamView("in/w", 0, new int[] {2, 2}, ParamView.Kind.WEIGHT),
                new ParamView("hidden/w", 4, new int[] {2, 2}, ParamView.Kind.WEIGHT),
                new ParamView("hidden/b", 8, new int[] {2}, ParamView.Kind.BIAS),
                new ParamView("head/w", 10, new int[] {2, 2}, ParamView.Kind.WEIGHT));
        Optimizer muon = Optimizers.parse("muon");
        muon.useLayout(views);
        float[] p = new float[14], g = {0.5f, -2, 3, 0.1f, 1, 0, 0, 0, 7, -0.25f, 2, 2, -1, 4};
        muon.step(p, g, 0.01);
        for (int i : new int[] {0, 1, 2, 3, 8, 9, 10, 11, 12, 13}) {
            assertEquals(-0.01 * Math.signum(g[i]), p[i], 1e-7, "AdamW's first step is lr·sign(g), p" + i);
        }
        // hidden/w: g = diag(1, 0) → U = (1 − β + β(1 − β))·g; orthogonalized to (quintic⁵(1), 0, 0, 0) (pytorch: U / max(‖U‖, ε))
        assertEquals(-0.01 * quintic(1, 5), p[4], 1e-8);
        assertEquals(0, p[5]);
        assertEquals(0, p[7]);
    }

    private static List<ParamView> cnnLike() {
        return List.of(new ParamView("conv/w", 0, new int[] {3, 3, 4, 8}, ParamView.Kind.WEIGHT),   // 36 × 8
                new ParamView("conv/b", 288, new int[] {8}, ParamView.Kind.BIAS),
                new ParamView("fc1/w", 296, new int[] {200, 130}, ParamView.Kind.WEIGHT),
                new ParamView("fc1/b", 26296, new int[] {130}, ParamView.Kind.BIAS),
                new ParamView("fc2/w", 26426, new int[] {130, 10}, ParamView.Kind.WEIGHT));
    }

    private static float[][] randomSteps(int n, int steps, long seed) {
        Rng r = new Rng(seed);
        float[][] g = new float[steps][n];
        for (float[] x : g) {
            for (int i = 0; i < n; i++) {
                x[i] = (float) r.nextGaussian();
            }
        }
        return g;
    }

    @Test
    void restore_withLayout_continuesBitIdentically() throws IOException {
        int n = 26426 + 1300;
        float[][] g = randomSteps(n, 6, 7);
        for (String spec : new String[] {"muon(aux_first_last=false, weight_decay=0.1)", "muon(convention=keras)", "muon(convention=reference)"}) {
            Optimizer straight = Optimizers.parse(spec);
            straight.useLayout(cnnLike());
            float[] p = new float[n], q = null;
            OptimizerState saved = null;
            for (int t = 0; t < 6; t++) {
                if (t == 3) {
                    saved = OptimizerStateTest.throughBytes(straight.state());
                    q = p.clone();
                }
                straight.step(p, g[t].clone(), 0.02);
            }
            Optimizer resumed = Optimizers.parse(spec);
            resumed.useLayout(cnnLike());
            resumed.restore(saved);
            for (int t = 3; t < 6; t++) {
                resumed.step(q, g[t].clone(), 0.02);
            }
            assertArrayEquals(OptimizerStateTest.bits(p), OptimizerStateTest.bits(q), spec);
            assertEquals(straight.state(), resumed.state(), spec);
        }
    }

    @Test
    void step_onWorkers_matchesOneThreadBitForBit() {
        int n = 26426 + 1300;
        float[][] g = randomSteps(n, 3, 11);
        Optimizer one = Optimizers.parse("muon(aux_first_last=false)"), three = Optimizers.parse("muon(aux_first_last=false)");
        one.useLayout(cnnLike());
        three.useLayout(cnnLike());
        float[] p = new float[n], q = new float[n];
        try (WorkerPool pool = new WorkerPool(3)) {
            three.useWorkers(pool);
            for (float[] x : g) {
                one.step(p, x.clone(), 0.02);
                three.step(q, x.clone(), 0.02);
            }
        }
        assertArrayEquals(OptimizerStateTest.bits(p), OptimizerStateTest.bits(q));
        assertTrue(p[300] != 0);
    }

    /**
     * Each convention's default weight decay is its code's: torch.optim.Muon(weight_decay=0.1), keras Muon
     * weight_decay=0.004, the reference's param groups 0; an explicit weight_decay wins; the listing shows them.
     */
    @Test
    void conventions_bringTheirFrameworksDefaultWeightDecay() {
        assertEquals(0.1, ((dev.descent.optim.AbstractOptimizer) Optimizers.parse("muon")).weightDecay().coefficient());
        assertEquals(0.1, ((dev.descent.optim.AbstractOptimizer) Optimizers.parse("muon(convention=pytorch)")).weightDecay().coefficient());
        assertEquals(0.004, ((dev.descent.optim.AbstractOptimizer) Optimizers.parse("muon(convention=keras)")).weightDecay().coefficient());
        assertEquals(0.0, ((dev.descent.optim.AbstractOptimizer) Optimizers.parse("muon(convention=reference)")).weightDecay().coefficient());
        assertEquals(0.0, ((dev.descent.optim.AbstractOptimizer) Optimizers.parse("muon(convention=keras, weight_decay=0)")).weightDecay().coefficient());
        assertEquals(WeightDecay.Mode.DECOUPLED, ((dev.descent.optim.AbstractOptimizer) Optimizers.parse("muon(convention=keras)")).weightDecay().mode());
        Optimizers.Info info = Optimizers.info("muon");
        assertTrue(info.hyperparameters().stream().anyMatch(h -> h.key().equals("weight_decay") && h.defaultValue().equals("0.1")), info.toString());
        java.util.Map<String, String> keras = info.conventions().stream().filter(c -> c.name().equals("keras")).findFirst().orElseThrow().defaults();
        assertEquals("0.004", keras.get("weight_decay"), keras.toString());
        java.util.Map<String, String> reference = info.conventions().stream().filter(c -> c.name().equals("reference")).findFirst().orElseThrow().defaults();
        assertEquals("0.0", reference.get("weight_decay"), reference.toString());
    }
}
