package dev.descent.optim;

import dev.descent.tensor.ParamView;
import dev.descent.tensor.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clipping, the non-finite guard, parameter groups, weight decay modes, and no allocation per step. */
class CrossCuttingTest {

    @Test
    void clipByGlobalNorm_rescalesOnlyAboveTheLimit() {
        Optimizer o = GradientClipping.byGlobalNorm(new Sgd(), 1.0);
        float[] p = {0f, 0f};
        o.step(p, new float[] {3f, 4f}, 1.0);          // ‖g‖ = 5 → g·(1/5) = (0.6, 0.8)
        assertArrayEquals(new float[] {-0.6f, -0.8f}, p, 1e-7f);
        o.step(p, new float[] {0.3f, 0.4f}, 1.0);      // ‖g‖ = 0.5 ≤ 1: unchanged
        assertArrayEquals(new float[] {-0.9f, -1.2f}, p, 1e-6f);
        assertEquals(1, ((GradientClipping) o).clippedSteps());
    }

    @Test
    void clipByValue_clampsEachGradient() {
        Optimizer o = Optimizers.parse("sgd(clip_value=0.5)");
        float[] p = {0f, 0f, 0f};
        o.step(p, new float[] {2f, -3f, 0.25f}, 1.0);
        assertArrayEquals(new float[] {-0.5f, 0.5f, -0.25f}, p);
    }

    @Test
    void nonFiniteGuard_skip_leavesParamsAndStateUntouched() {
        List<String> reports = new ArrayList<>();
        Adam adam = new Adam(Adam.Config.DEFAULTS);
        NonFiniteGuard guard = NonFiniteGuard.skip(adam, (step, index, value) -> reports.add(step + ":" + index + ":" + value));
        float[] p = {1f, 2f};
        guard.step(p, new float[] {0.1f, 0.2f}, 0.1);
        float[] before = p.clone();
        OptimizerState state = guard.state();
        guard.step(p, new float[] {0.1f, Float.NaN}, 0.1);
        assertArrayEquals(before, p);
        assertEquals(state, guard.state());
        assertEquals(List.of("2:1:NaN"), reports);
        assertEquals(1, guard.skippedSteps());
        guard.step(p, new float[] {Float.POSITIVE_INFINITY, 0f}, 0.1);
        assertEquals(List.of("2:1:NaN", "3:0:Infinity"), reports);
    }

    @Test
    void nonFiniteGuard_stop_throwsBeforeAnythingChanges() {
        Optimizer o = Optimizers.parse("adam(on_nonfinite=stop)");
        float[] p = {1f, 2f};
        var e = assertThrows(NonFiniteGuard.NonFiniteGradientException.class, () -> o.step(p, new float[] {0f, Float.NEGATIVE_INFINITY}, 0.1));
        assertEquals("gradient 1 is -Infinity at step 1; parameters left unchanged", e.getMessage());
        assertArrayEquals(new float[] {1f, 2f}, p);
        assertEquals(0, o.state().step());
    }

    @Test
    void withoutGuard_nanPropagates() {
        float[] p = {1f};
        Optimizers.parse("adam").step(p, new float[] {Float.NaN}, 0.1);
        assertTrue(Float.isNaN(p[0]));
    }

    private static Parameters layer() {
        Parameters.Builder b = Parameters.builder();
        b.add("w", ParamView.Kind.WEIGHT, 2, 2);
        b.add("b", ParamView.Kind.BIAS, 2);
        b.add("w2", ParamView.Kind.WEIGHT, 3);
        Parameters p = b.build();
        java.util.Arrays.fill(p.data(), 1f);
        return p;
    }

    @Test
    void paramGroups_byKind_noDecayOnBiases() {
        Parameters params = layer();
        ParamGroups groups = ParamGroups.byKind(params, Map.of(ParamView.Kind.BIAS, new ParamGroups.Options(1.0, false)));
        assertEquals(3, groups.groups().size());
        Optimizer o = groups.bind(Optimizers.parse("adamw(weight_decay=0.5)"));
        o.step(params.data(), params.grad(), 0.1);   // zero gradients: only the decay moves θ
        // weights: θ·(1 − 0.1·0.5) = 0.95; biases untouched
        assertArrayEquals(new float[] {0.95f, 0.95f, 0.95f, 0.95f, 1f, 1f, 0.95f, 0.95f, 0.95f}, params.data());
    }

    @Test
    void paramGroups_lrScaleAndFrozenRanges() {
        float[] p = {1f, 1f, 1f, 1f};
        ParamGroups groups = ParamGroups.of(new ParamGroups.Group("slow", 0, 2, 0.5, true), new ParamGroups.Group("fast", 3, 4, 2.0, true));
        new Sgd().step(p, new float[] {1f, 1f, 1f, 1f}, 0.1, groups);
        assertArrayEquals(new float[] {0.95f, 0.95f, 1f, 0.8f}, p);    // index 2 is in no group: frozen
    }

    @Test
    void paramGroups_overlapping_isRejected() {
        String m = assertThrows(IllegalArgumentException.class, () -> ParamGroups.of(
                new ParamGroups.Group("a", 0, 3, 1, true), new ParamGroups.Group("b", 2, 4, 1, true))).getMessage();
        assertTrue(m.startsWith("groups overlap"), m);
    }

    @Test
    void paramGroups_pastTheEnd_isRejected() {
        ParamGroups g = ParamGroups.of(new ParamGroups.Group("a", 0, 5, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new Sgd().step(new float[4], new float[4], 0.1, g));
    }

    @Test
    void paramGroups_sameAsWholeArrayWhenOneGroupCoversAll() {
        GoldenTrajectoryTest.Problem problem;
        try {
            problem = GoldenTrajectoryTest.problem();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        ParamGroups one = ParamGroups.of(new ParamGroups.Group("all", 0, 6, 1, true));
        float[][] a = GoldenTrajectoryTest.replay(Optimizers.parse("adamw(weight_decay=0.1)"), problem, null);
        float[][] b = GoldenTrajectoryTest.replay(one.bind(Optimizers.parse("adamw(weight_decay=0.1)")), problem, null);
        assertArrayEquals(a, b);
    }

    @Test
    void weightDecay_coupledAndDecoupled_differForAdaptiveMethods() {
        float[] coupled = {1f}, decoupled = {1f};
        new Adam(Adam.Config.DEFAULTS, WeightDecay.coupled(1)).step(coupled, new float[] {0f}, 0.1);
        new Adam(Adam.Config.DEFAULTS, WeightDecay.decoupled(1)).step(decoupled, new float[] {0f}, 0.1);
        // coupled: g = 0 + 1·1 = 1, Adam's first step moves by lr: 0.9 ; decoupled: 1·(1 − 0.1) = 0.9, then g = 0: 0.9
        assertEquals(0.9f, coupled[0], 1e-6f);
        assertEquals(0.9f, decoupled[0], 1e-6f);
        new Adam(Adam.Config.DEFAULTS, WeightDecay.coupled(1)).step(coupled, new float[] {100f}, 0.1);
        new Adam(Adam.Config.DEFAULTS, WeightDecay.decoupled(1)).step(decoupled, new float[] {100f}, 0.1);
        // first steps of fresh optimizers again, with a large gradient. coupled: the decay drowns in Adam's
        // normalized step (0.9 − 0.1); decoupled: 0.9·(1 − 0.1) − 0.1. Float32 through g² ≈ 1e4: 1e-5.
        assertEquals(0.8f, coupled[0], 1e-5f);
        assertEquals(0.71f, decoupled[0], 1e-5f);
    }

    static Stream<String> specs() {
        return OptimizerStateTest.specs();
    }

    /** After the first step, a step allocates nothing (measured per thread, over many steps). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void step_allocatesNothingAfterTheFirst(String spec) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        Optimizer o = Optimizers.parse(spec);
        float[] p = new float[4096], g = new float[4096];
        for (int i = 0; i < g.length; i++) {
            g[i] = (i % 7 - 3) * 0.01f;
        }
        for (int t = 0; t < 3000; t++) {
            o.step(p, g, 1e-4);     // warm up: allocate state, let the JIT compile
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int t = 0; t < 1000; t++) {
            o.step(p, g, 1e-4);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 1024, spec + ": allocated " + allocated + " bytes in 1000 steps");
    }
}
