package dev.descent.report;

import dev.descent.problem.Problem;
import dev.descent.problem.Problems;
import dev.descent.search.Metric;
import dev.descent.search.Sampler;
import dev.descent.search.SearchSpace;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;
import dev.descent.study.RunResult;
import dev.descent.study.RunSpec;
import dev.descent.sweep.RerunRecord;
import dev.descent.sweep.SweepOptimizer;
import dev.descent.sweep.SweepResults;
import dev.descent.sweep.SweepSpec;
import dev.descent.sweep.TrialRecord;
import dev.descent.sweep.Tuning;
import dev.descent.train.Divergence;
import dev.descent.train.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hand-built sweep, the fixture of the sweep report tests: 2 problems, 3 optimizers, successive halving (η 3,
 * min 10 steps) with two rungs on {@code p1} (30 and 90 steps) and one on {@code p2} (20 steps is too short for
 * two), diverged trials, a tie, and re-runs over seeds 1, 2, 3 plus untuned runs at the common learning rate 0.01.
 *
 * <pre>
 * p1 (target accuracy 0.90)        rung 0 (30 steps)                    rung 1 (90 steps)   chosen
 *   sgd      lr .001 .01 .1 1       .80 .87 .89 diverged@5            t2 .885             t2 lr .1 (.885)
 *   adam     lr .001 .01 .1 1       .925 .93 .921 diverged@3          t1 .95              t1 lr .01
 *   momentum lr×m (.9,.99)          t0 .70 t1 .85 t2 .88 t3 .95        t3 .90, t4 .93      t4 lr .1 m .9
 *                                   t4 .945, t5-t7 diverged
 * p2 (target 0.94, one rung of 20 steps)
 *   sgd      .50 .80 .90 .90        (tie: lr .1 and 1 → .1)
 *   adam     .85 .95 .60 diverged   → lr .01
 *   momentum every trial diverged   → none
 * </pre>
 * Re-run test accuracies (seeds 1, 2, 3): p1 sgd .910 .912 .914, adam .950 .952 .954, momentum .940 .945 .950;
 * p2 sgd .930 .940 .950, adam .935 .945 .955. Untuned at lr .01: p1 sgd .85 .86 .87, adam .950 .952 .954, momentum
 * .960 .962 .964; p2 sgd .80 .80 .80, adam .90 .91 .92, momentum diverged on every seed.
 * Steps to target: p1 sgd 90, 60, never; adam 30, 30, 60; momentum 60, 60, 60; p2 sgd 20, never, never;
 * adam 10, 20, 20.
 */
class SweepFixtureTest {
    static final String SPACE = "space(lr=range(low=0.001, high=1, scale=log, points=4))";
    static final double[] LRS = {0.001, 0.01, 0.1, 1};

    static SweepSpec spec(boolean commonLr, boolean twoProblems) {
        Problem p1 = Problems.parse("mnist-logreg(steps=90, eval_every=30, target=0.9)");
        Problem p2 = Problems.parse("mnist-mlp(steps=20, eval_every=10, target=0.94)");
        p1 = rename(p1, "p1");
        p2 = rename(p2, "p2");
        List<SweepOptimizer> opts = List.of(
                new SweepOptimizer(new RunSpec("sgd", "sgd", Map.of(), 0.01, null), SearchSpace.parse(SPACE)),
                new SweepOptimizer(new RunSpec("adam", "adam", Map.of(), 0.01, null), SearchSpace.parse(SPACE)),
                new SweepOptimizer(new RunSpec("momentum", "momentum", Map.of(), 0.01, null),
                        SearchSpace.parse("space(lr=range(low=0.001, high=1, scale=log, points=4), momentum=[0.9, 0.99])")));
        Tuning tuning = new Tuning(Sampler.grid(), new Tuning.EarlyStopping(3, 10), Metric.FINAL_ACCURACY, List.of(1L, 2L, 3L),
                commonLr ? 0.01 : Double.NaN);
        return new SweepSpec("fixture", "a hand-built sweep", twoProblems ? List.of(p1, p2) : List.of(p1), opts, tuning,
                Divergence.DEFAULT, 0.9);
    }

    static Problem rename(Problem p, String name) {
        return new Problem(name, p.description(), p.dataset(), p.model(), p.batch(), p.steps(), p.evalEvery(), p.validation(),
                p.targetMetric(), p.target());
    }

    /** The full fixture. */
    static SweepResults results() {
        return results(true, true);
    }

    static SweepResults results(boolean commonLr, boolean twoProblems) {
        List<TrialRecord> t = new ArrayList<>();
        // p1 sgd
        double n = Double.NaN;
        rung0(t, "p1", "sgd", new double[] {0.80, 0.87, 0.89, n}, 5, false);
        t.add(trial("p1", "sgd", 2, 1, point(0.1), 90, 0.885, 2.0));
        // p1 adam
        rung0(t, "p1", "adam", new double[] {0.925, 0.93, 0.921, n}, 3, false);
        t.add(trial("p1", "adam", 1, 1, point(0.01), 90, 0.95, 2.0));
        // p1 momentum: lr-major grid with momentum 0.9, 0.99
        double[] m1 = {0.70, 0.85, 0.88, 0.95, 0.945, n, n, n};
        for (int i = 0; i < 8; i++) {
            t.add(trial("p1", "momentum", i, 0, point(LRS[i / 2], i % 2 == 0 ? 0.9 : 0.99), Double.isNaN(m1[i]) ? 4 : 30, m1[i],
                    Double.isNaN(m1[i]) ? 0.25 : 1.0));
        }
        t.add(trial("p1", "momentum", 3, 1, point(0.01, 0.99), 90, 0.90, 2.0));
        t.add(trial("p1", "momentum", 4, 1, point(0.1, 0.9), 90, 0.93, 2.0));
        if (twoProblems) {
            rung0(t, "p2", "sgd", new double[] {0.50, 0.80, 0.90, 0.90}, 0, true);
            rung0(t, "p2", "adam", new double[] {0.85, 0.95, 0.60, n}, 2, true);
            for (int i = 0; i < 8; i++) {
                t.add(trial("p2", "momentum", i, 0, point(LRS[i / 2], i % 2 == 0 ? 0.9 : 0.99), 2, n, 0.1));
            }
        }
        List<RerunRecord> r = new ArrayList<>();
        reruns(r, "p1", "sgd", point(0.1), false, new double[] {0.910, 0.912, 0.914}, new long[] {90, 60, -1}, 90, 30);
        reruns(r, "p1", "adam", point(0.01), false, new double[] {0.950, 0.952, 0.954}, new long[] {30, 30, 60}, 90, 30);
        reruns(r, "p1", "momentum", point(0.1, 0.9), false, new double[] {0.940, 0.945, 0.950}, new long[] {60, 60, 60}, 90, 30);
        if (twoProblems) {
            reruns(r, "p2", "sgd", point(0.1), false, new double[] {0.930, 0.940, 0.950}, new long[] {20, -1, -1}, 20, 10);
            reruns(r, "p2", "adam", point(0.01), false, new double[] {0.935, 0.945, 0.955}, new long[] {10, 20, 20}, 20, 10);
        }
        if (commonLr) {
            long[] never = {-1, -1, -1};
            reruns(r, "p1", "sgd", point(0.01), true, new double[] {0.85, 0.86, 0.87}, never, 90, 30);
            reruns(r, "p1", "adam", point(0.01), true, new double[] {0.950, 0.952, 0.954}, new long[] {30, 30, 30}, 90, 30);
            reruns(r, "p1", "momentum", point(0.01), true, new double[] {0.960, 0.962, 0.964}, new long[] {30, 30, 30}, 90, 30);
            if (twoProblems) {
                reruns(r, "p2", "sgd", point(0.01), true, new double[] {0.80, 0.80, 0.80}, never, 20, 10);
                reruns(r, "p2", "adam", point(0.01), true, new double[] {0.90, 0.91, 0.92}, never, 20, 10);
                for (long seed = 1; seed <= 3; seed++) {
                    List<RunResult.Row> rows = List.of(new RunResult.Row(1, 2.3, 0.01, 1, 0.01, Double.NaN, Double.NaN),
                            new RunResult.Row(2, Double.NaN, 0.01, Double.NaN, 0.02, Double.NaN, Double.NaN));
                    r.add(new RerunRecord("p2", "momentum", seed, point(0.01), true, rows, null, null, true, 2, 0.02, -1, Double.NaN));
                }
            }
        }
        return new SweepResults(spec(commonLr, twoProblems), t, r);
    }

    /** Rung 0 of four trials at {@link #LRS}; NaN is a divergence at step {@code divergedAt}. One-rung problems have 20 steps. */
    private static void rung0(List<TrialRecord> t, String problem, String opt, double[] metric, long divergedAt, boolean oneRung) {
        for (int i = 0; i < 4; i++) {
            boolean div = Double.isNaN(metric[i]);
            t.add(trial(problem, opt, i, 0, point(LRS[i]), div ? divergedAt : oneRung ? 20 : 30, metric[i], div ? 0.25 : 1.0));
        }
    }

    static Spec point(double lr) {
        return Spec.of("point", Map.of("lr", Value.compact(lr)));
    }

    static Spec point(double lr, double momentum) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lr", Value.compact(lr));
        m.put("momentum", Value.compact(momentum));
        return Spec.of("point", m);
    }

    static TrialRecord trial(String problem, String opt, int trial, int rung, Spec point, long steps, double metric, double cpu) {
        boolean div = Double.isNaN(metric);
        return new TrialRecord(problem, opt, trial, rung, point, 1, steps, metric, metric, div ? Double.NaN : 1 - metric, div,
                div ? steps : -1, false, cpu, cpu * 1.5);
    }

    /** Three re-runs whose validation accuracy is the test accuracy minus 0.01 and whose loss falls smoothly. */
    private static void reruns(List<RerunRecord> out, String problem, String opt, Spec point, boolean untuned, double[] testAcc,
                               long[] toTarget, long steps, long evalEvery) {
        for (int s = 0; s < 3; s++) {
            List<RunResult.Row> rows = new ArrayList<>();
            double acc = testAcc[s];
            for (long k = 1; k <= steps; k++) {
                double loss = 2.3 * Math.exp(-0.05 * k * acc) + (1 - acc) + 0.02 * Math.sin(k + s);
                boolean eval = k % evalEvery == 0 || k == steps;
                double v = acc - 0.01 - 0.3 * Math.exp(-0.05 * k);
                rows.add(new RunResult.Row(k, loss, 0.01, 1, k * 0.01, eval ? 1 - v : Double.NaN, eval ? v : Double.NaN));
            }
            out.add(new RerunRecord(problem, opt, s + 1, point, untuned, rows, new Evaluation(steps, 1 - acc + 0.01, acc - 0.01, 5000),
                    new Evaluation(steps, 1 - acc, acc, 10000), false, -1, steps * 0.01, toTarget[s],
                    toTarget[s] < 0 ? Double.NaN : toTarget[s] * 0.01));
        }
    }

    @Test
    void fixture_isConsistentWithTheSweepItDescribes() {
        SweepResults r = results();
        assertEquals(2, r.spec().problems().size());
        assertEquals(4 + 1 + 4 + 1 + 8 + 2 + 4 + 4 + 8, r.trials().size());
        assertEquals(5 * 3 + 6 * 3, r.reruns().size());
        // every trial point is one its optimizer's run accepts
        r.trials().forEach(t -> r.spec().optimizer(t.optimizer()).at(t.point()));
    }
}
