package dev.descent.optim;

import dev.descent.kernel.WorkerPool;
import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.descent.optim.OptimizerStateTest.bits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gradient transforms as links of one chain: workers, groups, exact restore with counters, one global norm, update links. */
class GradientChainTest {

    /** SGD's loop, noting the threads it runs on; slow enough per chunk that the workers get chunks too. */
    private static final class ThreadRecordingSgd extends AbstractOptimizer {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        ThreadRecordingSgd() {
            super("sgd", Sgd.Config.DEFAULTS, WeightDecay.NONE, 0);
        }

        @Override
        protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
            threads.add(Thread.currentThread());
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = from; i < to; i++) {
                p[i] = p[i] * keep - lr * (grads[i] + l2 * p[i]);
            }
        }
    }

    /** LAMB's layer-wise trust ratio (without ε): θ ← θ − lr·(‖θ‖/‖r‖)·r, r the rule's update over lr. */
    private static final class TrustRatio implements GradientTransform {
        @Override
        public boolean transformsUpdate() {
            return true;
        }

        @Override
        public void afterUpdate(float[] params, float[] proposed, int from, int to, double lr) {
            double w = 0, u = 0;
            for (int i = from; i < to; i++) {
                double d = proposed[i] - params[i];
                w += (double) params[i] * params[i];
                u += d * d;
            }
            double ratio = w > 0 && u > 0 ? Math.sqrt(w / u) * lr : 1;
            for (int i = from; i < to; i++) {
                proposed[i] = (float) (params[i] + ratio * (proposed[i] - params[i]));
            }
        }

        @Override
        public String spec() {
            return "trust_ratio=true";
        }
    }

    private static float[] gaussians(int n, long seed, double scale) {
        Rng r = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }


    @Test
    void bind_onWorkers_splitsEachGroupOverTheThreads() {
        int n = 1 << 18;
        ThreadRecordingSgd rule = new ThreadRecordingSgd();
        Optimizer grouped = ParamGroups.of(new ParamGroups.Group("a", 0, n / 2, 1, true),
                new ParamGroups.Group("b", n / 2, n, 0.5, true)).bind(rule);
        try (WorkerPool pool = new WorkerPool(3)) {
            grouped.useWorkers(pool);
            grouped.step(new float[n], gaussians(n, 1, 1), 0.1);
        }
        assertTrue(rule.threads.size() > 1, "the grouped update ran on " + rule.threads);
    }

    @Test
    void bind_trivialGroupsOnWorkers_sameBitsAsUngroupedOnOneThread() {
        int n = 300_001;
        float[] p1 = gaussians(n, 2, 1), p2 = p1.clone(), p3 = p1.clone();
        Optimizer plain = Optimizers.parse("adamw(weight_decay=0.1, clip_norm=300)");
        Optimizer one = ParamGroups.of(new ParamGroups.Group("all", 0, n, 1, true)).bind(Optimizers.parse("adamw(weight_decay=0.1, clip_norm=300)"));
        Optimizer two = ParamGroups.of(new ParamGroups.Group("a", 0, 100_000, 1, true), new ParamGroups.Group("b", 100_000, n, 1, true))
                .bind(Optimizers.parse("adamw(weight_decay=0.1, clip_norm=300)"));
        try (WorkerPool pool = new WorkerPool(3)) {
            one.useWorkers(pool);
            two.useWorkers(pool);
            for (int t = 0; t < 3; t++) {
                float[] g = gaussians(n, 10 + t, 1);
                plain.step(p1, g.clone(), 0.01);
                one.step(p2, g.clone(), 0.01);
                two.step(p3, g.clone(), 0.01);
            }
        }
        assertArrayEquals(bits(p1), bits(p2));
        assertArrayEquals(bits(p1), bits(p3));
        assertEquals(plain.state().links()[0][0], one.state().links()[0][0]);   // clipped on the same steps
    }

    @Test
    void bind_stepGivenOtherGroups_isRejected() {
        ParamGroups bound = ParamGroups.of(new ParamGroups.Group("a", 0, 2, 1, true));
        ParamGroups other = ParamGroups.of(new ParamGroups.Group("b", 0, 1, 1, true));
        Optimizer o = bound.bind(new Sgd());
        String m = assertThrows(IllegalArgumentException.class, () -> o.step(new float[2], new float[2], 0.1, other)).getMessage();
        assertTrue(m.startsWith("optimizer is bound to ParamGroups[Group[name=a"), m);
        float[] p = {1f, 1f};
        o.step(p, new float[] {1f, 1f}, 0.1, ParamGroups.ALL);     // ALL: the bound groups
        o.step(p, new float[] {1f, 1f}, 0.1, bound);
        assertArrayEquals(new float[] {0.8f, 0.8f}, p, 1e-7f);
    }


    /** Gradients of step t: some large enough to clip, some with a NaN the guard skips. */
    private static float[] gradient(int t, int n) {
        float[] g = gaussians(n, 100 + t, t % 3 == 0 ? 0.5 : 0.01);
        if (t % 4 == 1) {
            g[t] = Float.NaN;
        }
        return g;
    }

    @Test
    void restore_midRun_continuesExactly_countersIncluded() throws IOException {
        String spec = "adam(clip_norm=1.0, clip_value=0.02, on_nonfinite=skip)";
        int n = 1000, steps = 20;
        OptimizerStateTest.Runs runs = OptimizerStateTest.straightAndResumed(spec, gaussians(n, 3, 1), 10, steps, t -> gradient(t, n), t -> 0.01);
        GradientChain straight = (GradientChain) runs.straight(), resumed = (GradientChain) runs.resumed();
        assertArrayEquals(bits(runs.straightParams()), bits(runs.resumedParams()));
        assertEquals(straight.state(), resumed.state());
        NonFiniteGuard guard = resumed.link(NonFiniteGuard.class).orElseThrow();
        assertEquals(5, guard.skippedSteps());                       // t = 1, 5, 9, 13, 17
        assertEquals(straight.link(NonFiniteGuard.class).orElseThrow().skippedSteps(), guard.skippedSteps());
        long clipped = (long) resumed.links().get(1).state()[0];
        assertTrue(clipped > 0 && clipped < steps - 5, "clip_norm clipped on " + clipped + " steps");
        assertEquals(straight.links().get(1).state()[0], clipped);
        assertEquals(straight.links().get(2).state()[0], resumed.links().get(2).state()[0]);
        assertEquals(steps - 5, resumed.state().step());
    }

    @Test
    void reset_forgetsTheCounters() {
        GradientChain o = (GradientChain) Optimizers.parse("sgd(clip_norm=0.1, on_nonfinite=skip)");
        o.step(new float[2], new float[] {1f, Float.NaN}, 0.1);
        o.step(new float[2], new float[] {1f, 1f}, 0.1);
        assertEquals("[[2.0, 1.0], [1.0]]", Arrays.deepToString(o.state().links()));
        o.reset();
        assertEquals(Optimizers.parse("sgd(clip_norm=0.1, on_nonfinite=skip)").state(), o.state());
    }

    @Test
    void restore_stateOfALinklessRule_isRejected() {
        Optimizer o = Optimizers.parse("sgd(clip_norm=1.0)");
        String m = assertThrows(IllegalArgumentException.class, () -> o.restore(new OptimizerState(o.toString(), 1, new float[0][], new double[0])))
                .getMessage();
        assertEquals("state has 0 links, " + o + " has 1", m);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void clipNorm_usesTheLoggedNormBitForBit(int threads) {
        float[] g = gaussians(300_001, 4, 0.1);
        try (WorkerPool pool = new WorkerPool(threads)) {
            double logged = GlobalNorm.of(g, pool, new double[GlobalNorm.CHUNKS]);     // as Trainer logs it
            assertEquals(Double.doubleToRawLongBits(GlobalNorm.of(g)), Double.doubleToRawLongBits(logged));
            // clipping at the logged norm does not clip, one ulp below it does: the norm clipping used is `logged`
            GradientClipping atNorm = GradientClipping.byGlobalNorm(logged);
            GradientClipping below = GradientClipping.byGlobalNorm(Math.nextDown(logged));
            Optimizer a = GradientChain.of(new Sgd(), atNorm), b = GradientChain.of(new Sgd(), below);
            a.useWorkers(pool);
            b.useWorkers(pool);
            a.step(new float[g.length], g.clone(), 0.1);
            b.step(new float[g.length], g.clone(), 0.1);
            assertEquals(0, atNorm.clippedSteps());
            assertEquals(1, below.clippedSteps());
        }
    }

    @Test
    void updateLink_trustRatioOnSgd_matchesHandComputation() {
        float[] p = {3f, 4f, 1f, -2f};
        float[] g = {1f, 2f, 0.5f, 0.5f};
        ParamGroups layers = ParamGroups.of(new ParamGroups.Group("w", 0, 2, 1, true), new ParamGroups.Group("b", 2, 4, 1, true));
        Optimizer lars = GradientChain.of(new Sgd(), new TrustRatio()).bind(layers);
        lars.step(p, g, 0.1);
        // θ − lr·(‖θ‖/‖g‖)·g per group: ‖(3, 4)‖/‖(1, 2)‖ = √5; ‖(1, −2)‖/‖(0.5, 0.5)‖ = √5/√0.5 = √10
        double r1 = Math.sqrt(5), r2 = Math.sqrt(10);
        assertArrayEquals(new float[] {(float) (3 - 0.1 * r1), (float) (4 - 0.2 * r1), (float) (1 - 0.05 * r2), (float) (-2 - 0.05 * r2)}, p, 1e-6f);
        assertTrue(lars.toString().endsWith("weight_decay_mode=coupled, trust_ratio=true)"), lars.toString());
    }

    @Test
    void byView_oneGroupPerView() {
        var b = dev.descent.tensor.Parameters.builder();
        b.add("w", dev.descent.tensor.ParamView.Kind.WEIGHT, 2, 2);
        b.add("b", dev.descent.tensor.ParamView.Kind.BIAS, 2);
        b.add("w2", dev.descent.tensor.ParamView.Kind.WEIGHT, 3);
        ParamGroups g = ParamGroups.byView(b.build(), java.util.Map.of(dev.descent.tensor.ParamView.Kind.BIAS, new ParamGroups.Options(2.0, false)));
        assertEquals("[Group[name=w, from=0, to=4, lrScale=1.0, weightDecay=true], Group[name=b, from=4, to=6, lrScale=2.0, weightDecay=false], "
                + "Group[name=w2, from=6, to=9, lrScale=1.0, weightDecay=true]]", g.groups().toString());
    }
}
