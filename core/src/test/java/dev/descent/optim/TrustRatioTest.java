package dev.descent.optim;

import dev.descent.kernel.WorkerPool;
import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** LAMB's and LARS's trust ratio: per tensor (per group), off on groups without weight decay, thread-count free. */
class TrustRatioTest {

    /** w = p[0, 2) with weight decay, b = p[2, 3) without: a layer and its bias. */
    static final ParamGroups LAYER = ParamGroups.of(new ParamGroups.Group("w", 0, 2, 1.0, true), new ParamGroups.Group("b", 2, 3, 1.0, false));

    /** First LARS step by hand: the weights move lr·η·‖θ‖ along g/‖g‖, the bias by plain lr·g. */
    @Test
    void lars_firstStep_matchesHandComputation() {
        Optimizer lars = LAYER.bind(Optimizers.parse("lars(trust_coefficient=0.5)"));
        float[] p = {3f, 4f, 1f};                      // ‖w‖ = 5
        lars.step(p, new float[] {0.6f, -0.8f, 2f}, 0.1);   // ‖g_w‖ = 1
        assertEquals(3 - 0.1 * 0.5 * 5 * 0.6, p[0], 1e-6);
        assertEquals(4 + 0.1 * 0.5 * 5 * 0.8, p[1], 1e-6);
        assertEquals(1 - 0.1 * 2, p[2], 1e-6);
    }

    /** First LAMB step by hand: m̂ = g, v̂ = g², u = g/(|g| + ε) ≈ sign(g); the weights move lr·‖θ‖·u/‖u‖. */
    @Test
    void lamb_firstStep_matchesHandComputation() {
        float[] p = {3f, 4f, 1f};
        LAYER.bind(Optimizers.parse("lamb(epsilon=1e-12)")).step(p, new float[] {0.6f, -0.8f, 2f}, 0.1);
        double step = 0.1 * 5 / Math.sqrt(2);
        assertArrayEquals(new float[] {(float) (3 - step), (float) (4 + step), 0.9f}, p, 1e-6f);

        float[] q = {3f, 4f, 1f};   // always_adapt: the bias too moves lr·|b|
        LAYER.bind(Optimizers.parse("lamb(epsilon=1e-12, always_adapt=true)")).step(q, new float[] {0.6f, -0.8f, -2f}, 0.1);
        assertEquals(1.1f, q[2], 1e-6f);
    }

    /** The step of a tensor does not depend on the scale of its gradient, nor on the other tensors'. */
    @ParameterizedTest
    @ValueSource(strings = {"lamb(epsilon=1e-12)", "lars"})   // LAMB: an ε far below the gradients
    void step_ofATensor_ignoresTheScaleOfItsGradient(String spec) {
        ParamGroups two = ParamGroups.of(new ParamGroups.Group("a", 0, 2, 1.0, true), new ParamGroups.Group("c", 2, 4, 1.0, true));
        float[] p = {1f, -2f, 0.5f, 0.25f}, q = p.clone();
        Optimizer a = two.bind(Optimizers.parse(spec)), b = two.bind(Optimizers.parse(spec));
        for (int t = 0; t < 3; t++) {
            a.step(p, new float[] {0.3f, 0.1f, 1e-4f, -2e-4f}, 0.01);
            b.step(q, new float[] {0.3f, 0.1f, 100f, -200f}, 0.01);
        }
        assertArrayEquals(p, q, 1e-6f);
        assertEquals(p[0], q[0]);
    }

    @Test
    void layerwise_isTrueForTrustRatioRulesOnly() {
        for (String name : Optimizers.names()) {
            boolean expected = name.equals("lamb") || name.equals("lars");
            assertEquals(expected, Optimizers.parse(name).layerwise(), name);
            assertEquals(expected, Optimizers.parse(name + "(clip_norm=1)").layerwise(), name + " in a chain");
        }
    }

    /** Per-tensor norms are sums on one thread: the bits are those of the single-threaded step. */
    @ParameterizedTest
    @ValueSource(strings = {"lamb(weight_decay=0.01)", "lars(weight_decay=0.01, nesterov=true)", "prodigy(weight_decay=0.01)"})
    void groupedStep_onWorkersMatchesOneThreadBitForBit(String spec) {
        int n = 200_003;
        ParamGroups groups = ParamGroups.of(new ParamGroups.Group("w1", 0, 130_001, 1.0, true),
                new ParamGroups.Group("b1", 130_001, 130_101, 1.0, false), new ParamGroups.Group("w2", 130_101, n, 0.5, true));
        float[] p1 = new float[n], g = new float[n];
        Rng r = new Rng(3);
        for (int i = 0; i < n; i++) {
            p1[i] = (float) r.nextGaussian();
            g[i] = (float) r.nextGaussian() * 0.1f;
        }
        float[] p2 = p1.clone();
        Optimizer one = groups.bind(Optimizers.parse(spec)), two = groups.bind(Optimizers.parse(spec));
        try (WorkerPool pool = new WorkerPool(3)) {
            two.useWorkers(pool);
            for (int t = 0; t < 3; t++) {
                one.step(p1, g.clone(), 0.01);
                two.step(p2, g.clone(), 0.01);
            }
        }
        assertArrayEquals(OptimizerStateTest.bits(p1), OptimizerStateTest.bits(p2), spec);
    }
}
