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

/** SOAP's first steps by hand, and its state (the factors travel as scalars) and threads on a layout with matrices. */
class SoapTest {

    private static float[] random(int n, long seed, double scale) {
        Rng r = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (scale * r.nextGaussian());
        }
        return x;
    }

    /**
     * A diagonal 2×2 gradient: both factors are diagonal, so the eigenbasis is the standard one (up to signs) and
     * SOAP is Adam. The first step leaves θ alone; the second moves each entry by lr·√(1 − β₂)/(1 − β₁)·m/(√v + ε)
     * = lr·sign(g) for a nonzero g.
     */
    @Test
    void step_diagonalGradient_isAdamAfterASkippedFirstStep() {
        Optimizer soap = Optimizers.parse("soap(weight_decay=0)");
        soap.useLayout(List.of(new ParamView("w", 0, new int[] {2, 2}, ParamView.Kind.WEIGHT)));
        float[] p = {1, 2, 3, 4}, g = {0.5f, 0, 0, -2};
        soap.step(p, g.clone(), 0.1);
        assertArrayEquals(new float[] {1, 2, 3, 4}, p);
        soap.step(p, g.clone(), 0.1);
        assertArrayEquals(new float[] {0.9f, 2, 3, 4.1f}, p, 1e-6f);
    }

    /** Decoupled weight decay comes after the step, on the stepped θ: (θ − step)·(1 − lr·λ). */
    @Test
    void step_weightDecay_afterTheUpdate() {
        Optimizer soap = Optimizers.parse("soap(weight_decay=0.5)");
        float[] p = {1, -1}, g = {1, 1};
        soap.step(p, g.clone(), 0.1);
        assertArrayEquals(new float[] {1, -1}, p, "first step: statistics only, no decay either");
        soap.step(p, g.clone(), 0.1);
        assertArrayEquals(new float[] {(1 - 0.1f) * 0.95f, (-1 - 0.1f) * 0.95f}, p, 1e-6f);
    }

    private static List<ParamView> cnnLike() {
        return List.of(new ParamView("conv/w", 0, new int[] {3, 3, 4, 8}, ParamView.Kind.WEIGHT),
                new ParamView("conv/b", 288, new int[] {8}, ParamView.Kind.BIAS),
                new ParamView("fc1/w", 296, new int[] {200, 130}, ParamView.Kind.WEIGHT),
                new ParamView("fc1/b", 26296, new int[] {130}, ParamView.Kind.BIAS),
                new ParamView("fc2/w", 26426, new int[] {130, 10}, ParamView.Kind.WEIGHT));
    }

    private static final String[] SPECS = {"soap(precondition_frequency=2)",
            "soap(precondition_frequency=3, max_precond_dim=150, precondition1d=true, normalize_grads=true)"};

    @Test
    void restore_withLayout_continuesBitIdentically() throws IOException {
        int n = 26426 + 1300;
        for (String spec : SPECS) {
            Optimizer straight = Optimizers.parse(spec);
            straight.useLayout(cnnLike());
            float[] p = random(n, 1, 0.1), q = null;
            OptimizerState saved = null;
            for (int t = 0; t < 7; t++) {
                if (t == 3) {
                    saved = OptimizerStateTest.throughBytes(straight.state());
                    q = p.clone();
                }
                straight.step(p, random(n, 40 + t, 1), 0.003);
            }
            Optimizer resumed = Optimizers.parse(spec);
            resumed.useLayout(cnnLike());
            resumed.restore(saved);
            for (int t = 3; t < 7; t++) {
                resumed.step(q, random(n, 40 + t, 1), 0.003);
            }
            assertArrayEquals(OptimizerStateTest.bits(p), OptimizerStateTest.bits(q), spec);
            assertEquals(straight.state(), resumed.state(), spec);
            assertTrue(saved.scalars().length > 200 * 200, spec + ": the factors are saved");
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
                for (int t = 0; t < 4; t++) {
                    float[] g = random(n, 20 + t, 1);
                    one.step(p, g.clone(), 0.003);
                    three.step(q, g.clone(), 0.003);
                }
            }
            assertArrayEquals(OptimizerStateTest.bits(p), OptimizerStateTest.bits(q), spec);
            assertTrue(p[300] != random(n, 2, 0.1)[300], spec);
        }
    }
}
