package dev.descent.sweep;

import dev.descent.data.Dataset;
import dev.descent.optim.OptimizerState;
import dev.descent.problem.Problem;
import dev.descent.problem.Problems;
import dev.descent.problem.TrialOutcome;
import dev.descent.problem.TrialRequest;
import dev.descent.problem.Workbench;
import dev.descent.search.Metric;
import dev.descent.search.Sampler;
import dev.descent.search.SearchSpace;
import dev.descent.search.SuccessiveHalving;
import dev.descent.spec.Spec;
import dev.descent.study.RunSpec;
import dev.descent.train.Checkpoint;
import dev.descent.train.Divergence;
import dev.descent.train.Evaluation;
import dev.descent.train.StepRecord;
import dev.descent.train.TrainListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local driver's orchestration, on a fake workbench whose numbers are a known function of the learning rate,
 * seed and step (so continuing a checkpoint is exact by construction): the plan's rungs, promotions, choice,
 * re-runs, files, worker counts, and resuming after a crash.
 */
class SweepRunnerTest {

    /**
     * A workbench whose trial at learning rate {@code lr} has validation accuracy {@code 1 − |log10(lr/0.1)|/4 −
     * 0.1/step} at every evaluated step (best at 0.1, rising with the steps), a training loss that is a function of
     * (lr, seed, step), and diverges at step 3 for {@code lr >= 1}. Counts every run by its (lr, seed, from, steps).
     */
    static final class Fake implements Workbench {
        final Problem problem;
        final List<String> runs;
        final AtomicInteger failAfter;

        Fake(Problem problem, List<String> runs, AtomicInteger failAfter) {
            this.problem = problem;
            this.runs = runs;
            this.failAfter = failAfter;
        }

        static double accuracy(double lr, long step) {
            return Math.max(0, 1 - Math.abs(Math.log10(lr / 0.1)) / 4 - 0.1 / step);
        }

        @Override
        public TrialOutcome run(TrialRequest r, TrainListener listener) {
            if (failAfter != null && failAfter.getAndDecrement() <= 0) {
                throw new IllegalStateException("the fake machine crashed");
            }
            double lr = r.optimization().learningRate();
            long from = r.from() == null ? 0 : r.from().step();
            if (r.from() != null) {
                // the checkpoint is the state this fake would have at that step
                assertEquals(state(lr, r.seed(), from), r.from().params()[0]);
            }
            runs.add(lr + "/" + r.seed() + "/" + from + "-" + r.steps() + (r.test() ? "/test" : ""));
            List<StepRecord> steps = new ArrayList<>();
            List<Evaluation> validations = new ArrayList<>();
            Divergence.Event divergence = null;
            for (long s = from + 1; s <= r.steps(); s++) {
                double loss = 2.3 * (1 - accuracy(lr, s)) + 1e-3 * ((r.seed() * 7 + s) % 5);
                if (lr >= 1 && s == 3) {
                    loss = Double.NaN;
                }
                StepRecord rec = new StepRecord(s, loss, lr, 1.0 / s, s * 1e-3);
                steps.add(rec);
                listener.onStep(rec);
                divergence = r.divergence().check(s, loss, 2.3);
                if (divergence != null) {
                    break;
                }
                if (s % problem.evalEvery() == 0 || s == r.steps()) {
                    Evaluation e = new Evaluation(s, 2.3 * (1 - accuracy(lr, s)), accuracy(lr, s), 100);
                    validations.add(e);
                    listener.onValidation(e);
                }
            }
            Evaluation test = r.test() && divergence == null ? new Evaluation(r.steps(), 0.5, accuracy(lr, r.steps()) - 0.01, 1000) : null;
            Checkpoint end = r.keepCheckpoint() && divergence == null
                    ? new Checkpoint(r.steps(), new float[]{state(lr, r.seed(), r.steps())}, new OptimizerState("fake", r.steps(), new float[0][], new double[0]), 2.3, new long[0])
                    : null;
            return new TrialOutcome(steps, validations, test, divergence, steps.size() * 1e-3, steps.size() * 1e-3, end);
        }

        static float state(double lr, long seed, long step) {
            return (float) (lr * 1000 + seed * 10 + step);
        }

        @Override
        public void close() {
        }
    }

    static final Problem PROBLEM = Problems.parse("mnist-logreg(steps=40, eval_every=10, validation=none)");

    static SweepSpec spec(Tuning.EarlyStopping es, double commonLr, String... lrs) {
        SearchSpace space = SearchSpace.parse("space(lr=[" + String.join(", ", lrs) + "])");
        return new SweepSpec("fake", "", List.of(PROBLEM),
                List.of(new SweepOptimizer(new RunSpec("sgd", "sgd", Map.of(), 0.1, null), space),
                        new SweepOptimizer(new RunSpec("adam", "adam", Map.of(), 0.001, null), space)),
                new Tuning(Sampler.grid(), es, Metric.FINAL_ACCURACY, List.of(1L, 2L), commonLr), Divergence.DEFAULT, 0.9);
    }

    static final SweepSpec SH = spec(new Tuning.EarlyStopping(2, 10), 0.01, "0.001", "0.1", "1", "0.03");

    /** A tiny stand-in dataset: the fake reads none of it, the fingerprint hashes it. */
    static Map<String, Dataset.Split> data() {
        Dataset train = new Dataset("mnist", new float[4], new int[]{0, 1, 2, 3}, 4, 1, 1, 1, 10);
        Dataset test = new Dataset("mnist", new float[2], new int[]{0, 1}, 2, 1, 1, 1, 10);
        return Map.of(PROBLEM.name(), new Dataset.Split(train, test));
    }

    static SweepResults run(SweepSpec spec, Path dir, int workers, List<String> runs, AtomicInteger failAfter, boolean resume) throws IOException {
        try (SweepFolder out = resume ? SweepFolder.open(dir, spec) : SweepFolder.create(dir, spec, "name: fake\n")) {
            return new SweepRunner(spec, data(), workers, 1, (p, d, t) -> new Fake(p, runs, failAfter), new SweepRunner.Listener() {
            }).run(out);
        }
    }

    @Test
    void plan_rungSizes_matchAHandComputation() {
        // 4 points, eta 2, min 10 steps, budget 40: r counts 10 <= 20 and 4/2 >= 1, then 20 <= 20 and 2/2 >= 1, then 40 > 20:
        // R = 3 rungs of 40/4 = 10, 40/2 = 20 and 40 steps with 4, 2 and 1 trials
        SweepPlan.Group g = SweepPlan.of(SH).groups().get(0);
        assertEquals(List.of(new SuccessiveHalving.Rung(0, 10, 4), new SuccessiveHalving.Rung(1, 20, 2), new SuccessiveHalving.Rung(2, 40, 1)), g.rungs());
        // 3 points, eta 3, min 10: 10 <= 13 and 3/3 >= 1, then 30 > 13: two rungs of floor(40/3) = 13 and 40 steps
        SweepPlan.Group three = SweepPlan.of(spec(new Tuning.EarlyStopping(3, 10), Double.NaN, "0.01", "0.1", "1")).groups().get(0);
        assertEquals(List.of(new SuccessiveHalving.Rung(0, 13, 3), new SuccessiveHalving.Rung(1, 40, 1)), three.rungs());
        // without early stopping, one rung at the full budget
        SweepPlan.Group flat = SweepPlan.of(spec(null, Double.NaN, "0.01", "0.1", "1")).groups().get(0);
        assertEquals(List.of(new SuccessiveHalving.Rung(0, 40, 3)), flat.rungs());
        SweepPlan plan = SweepPlan.of(SH);
        // (4 + 2 + 1) trials + 2 re-runs + 1 untuned, per optimizer
        assertEquals(2 * 10, plan.plannedUnits());
        assertEquals(2 * (4 * 10 + 2 * 10 + 20 + 3 * 40), plan.plannedSteps());
        SweepTask t = plan.trial(g, 2, 1);
        assertEquals(10, t.fromStep());
        assertEquals(20, t.steps());
        assertTrue(t.keepCheckpoint());
        assertFalse(plan.trial(g, 2, 2).keepCheckpoint());
    }

    @Test
    void task_travelsAsTextInTheSpecSyntax() {
        SweepPlan plan = SweepPlan.of(SH);
        SweepPlan.Group g = plan.groups().get(1);
        List<SweepTask> tasks = new ArrayList<>(plan.possibleUnits(g));
        tasks.addAll(plan.reruns(g, Spec.parse("point(lr=0.03)")));
        for (SweepTask t : tasks) {
            assertEquals(t, SweepTask.parse(t.toSpec().toString()), t.toSpec().toString());
        }
        assertEquals("task(kind=trial, problem=mnist-logreg, optimizer=adam, trial=2, rung=1, point=point(lr=1), seed=1, from_step=10, steps=20,"
                + " test=false, keep_checkpoint=true)", plan.trial(g, 2, 1).toSpec().toString());
    }

    @Test
    void plan_minStepsAboveTheBudget_isRefusedNamingBoth() {
        var e = assertThrows(IllegalArgumentException.class, () -> SweepPlan.of(spec(new Tuning.EarlyStopping(2, 50), Double.NaN, "0.1")));
        assertTrue(e.getMessage().contains("min_steps 50") && e.getMessage().contains("40 steps"), e.getMessage());
    }

    @Test
    void run_promotesTheBestContinuesCheckpointsAndRerunsTheChoice(@TempDir Path tmp) throws IOException {
        List<String> runs = Collections.synchronizedList(new ArrayList<>());
        SweepResults r = run(SH, tmp.resolve("a"), 1, runs, null, false);
        // per optimizer: lrs 0.001, 0.1, 1, 0.03 at rung 0 (10 steps); 1 diverges; the best two (0.1, 0.03) go on to 20
        // steps from their checkpoints; the best (0.1) to 40; then re-runs of 0.1 with seeds 1 and 2, and the untuned 0.01
        List<String> expected = List.of("0.001/1/0-10", "0.1/1/0-10", "1.0/1/0-10", "0.03/1/0-10", "0.1/1/10-20", "0.03/1/10-20",
                "0.1/1/20-40", "0.1/1/0-40/test", "0.1/2/0-40/test", "0.01/1/0-40/test");
        assertEquals(2 * expected.size(), runs.size(), runs.toString());
        for (String e : expected) {
            assertEquals(2, Collections.frequency(runs, e), e + " in " + runs);
        }
        List<TrialRecord> sgd = r.trials().stream().filter(t -> t.optimizer().equals("sgd")).toList();
        assertEquals(List.of("0/0", "1/0", "2/0", "3/0", "1/1", "3/1", "1/2"), sgd.stream().map(t -> t.trial() + "/" + t.rung()).toList());
        assertEquals(List.of(false, true, false, true, true, false, false), sgd.stream().map(TrialRecord::promoted).toList());
        TrialRecord diverged = sgd.get(2);
        assertTrue(diverged.diverged());
        assertEquals(3, diverged.divergedAt());
        assertEquals(3, diverged.steps());
        assertTrue(Double.isNaN(diverged.metric()));
        assertEquals(Fake.accuracy(0.1, 40), sgd.get(6).metric(), 1e-9);
        // re-runs: the chosen lr with both seeds, validation and test at the end; then the untuned run
        List<RerunRecord> reruns = r.reruns().stream().filter(x -> x.optimizer().equals("sgd")).toList();
        assertEquals(3, reruns.size());
        assertEquals(List.of(1L, 2L, 1L), reruns.stream().map(RerunRecord::seed).toList());
        assertEquals(List.of(false, false, true), reruns.stream().map(RerunRecord::untuned).toList());
        assertEquals(Spec.parse("point(lr=0.1)"), reruns.get(0).point());
        assertEquals(40, reruns.get(0).rows().size());
        assertEquals(Fake.accuracy(0.1, 40) - 0.01, reruns.get(0).test().accuracy(), 1e-9);
        assertEquals(Fake.accuracy(0.1, 40), reruns.get(0).rows().get(39).testAccuracy(), 1e-12); // the validation column
        // target 0.90 (mnist-logreg's): accuracy(0.1, s) = 1 - 0.1/s reaches it at s = 1; evaluated first at step 10
        assertEquals(10, reruns.get(0).stepsToTarget());
        // every checkpoint is gone at the end, and so is the folder
        assertFalse(Files.exists(tmp.resolve("a").resolve(SweepFolder.CHECKPOINTS)));
        // a promoted trial's file holds its whole history from step 1
        assertEquals(20, SweepFolder.parseRows(tmp.resolve("a/trials/" + PROBLEM.name() + "__sgd__t1__r1.csv")).size());
        String trials = Files.readString(tmp.resolve("a").resolve(SweepFolder.TRIALS_CSV));
        assertEquals(1 + 14, trials.lines().count(), trials);
        assertTrue(trials.startsWith("problem,optimizer,trial,rung,lr,seed,steps,metric,"), trials);
    }

    @Test
    void workers_oneOrThree_giveTheSameTablesButTheSeconds(@TempDir Path tmp) throws IOException {
        run(SH, tmp.resolve("one"), 1, new ArrayList<>(), null, false);
        run(SH, tmp.resolve("three"), 3, Collections.synchronizedList(new ArrayList<>()), null, false);
        for (String table : List.of(SweepFolder.TRIALS_CSV, SweepFolder.RERUNS_CSV)) {
            assertEquals(withoutSeconds(Files.readString(tmp.resolve("one").resolve(table))),
                    withoutSeconds(Files.readString(tmp.resolve("three").resolve(table))), table);
        }
    }

    @Test
    void crash_thenResume_runsEachUnitOnceMoreAtMostAndEndsTheSame(@TempDir Path tmp) throws IOException {
        SweepResults reference = run(SH, tmp.resolve("ref"), 2, Collections.synchronizedList(new ArrayList<>()), null, false);
        for (int crashAt : new int[]{0, 3, 5, 9, 13, 17}) {
            Path dir = tmp.resolve("crash" + crashAt);
            List<String> runs = Collections.synchronizedList(new ArrayList<>());
            assertThrows(IllegalStateException.class, () -> run(SH, dir, 2, runs, new AtomicInteger(crashAt), false));
            int before = runs.size();
            SweepResults resumed = run(SH, dir, 2, runs, null, true);
            // the first process finished `before` units; the resume ran exactly the rest
            assertEquals(20, runs.size(), "crash after " + crashAt + ": " + runs);
            runs.stream().collect(Collectors.groupingBy(x -> x, Collectors.counting()))
                    .forEach((unit, n) -> assertEquals(2L, n, unit + " (once per optimizer) in " + runs));
            assertTrue(before <= crashAt + 1);
            assertEquals(withoutSeconds(Files.readString(tmp.resolve("ref").resolve(SweepFolder.TRIALS_CSV))),
                    withoutSeconds(Files.readString(dir.resolve(SweepFolder.TRIALS_CSV))), "crash after " + crashAt);
            assertEquals(withoutSeconds(Files.readString(tmp.resolve("ref").resolve(SweepFolder.RERUNS_CSV))),
                    withoutSeconds(Files.readString(dir.resolve(SweepFolder.RERUNS_CSV))), "crash after " + crashAt);
            assertEquals(reference.trials().size(), resumed.trials().size());
        }
    }

    @Test
    void resume_ofAFinishedSweep_runsNothing(@TempDir Path tmp) throws IOException {
        run(SH, tmp.resolve("a"), 2, Collections.synchronizedList(new ArrayList<>()), null, false);
        List<String> again = new ArrayList<>();
        SweepResults r = run(SH, tmp.resolve("a"), 2, again, null, true);
        assertEquals(List.of(), again);
        assertEquals(14, r.trials().size());
    }

    @Test
    void resume_withAChangedSweep_isRefusedSayingWhatChanged(@TempDir Path tmp) throws IOException {
        run(SH, tmp.resolve("a"), 2, Collections.synchronizedList(new ArrayList<>()), null, false);
        SweepSpec other = spec(new Tuning.EarlyStopping(2, 10), 0.01, "0.001", "0.2", "1", "0.03");
        var e = assertThrows(IllegalArgumentException.class, () -> run(other, tmp.resolve("a"), 1, new ArrayList<>(), null, true));
        assertTrue(e.getMessage().contains("cannot reuse") && e.getMessage().contains("lr=0.1") && e.getMessage().contains("lr=0.2"), e.getMessage());
        SweepSpec seeds = new SweepSpec(SH.name(), "", SH.problems(), SH.optimizers(), new Tuning(Sampler.grid(), SH.tuning().earlyStopping(),
                Metric.FINAL_ACCURACY, List.of(3L, 2L), 0.01), Divergence.DEFAULT, 0.9);
        var s = assertThrows(IllegalArgumentException.class, () -> run(seeds, tmp.resolve("a"), 1, new ArrayList<>(), null, true));
        assertTrue(s.getMessage().contains("seed=1") && s.getMessage().contains("seed=3"), s.getMessage());
        // what sets no number (smoothing, description) does not stop a resume
        SweepSpec smoother = new SweepSpec(SH.name(), "other words", SH.problems(), SH.optimizers(), SH.tuning(), Divergence.DEFAULT, 0.5);
        assertEquals(14, run(smoother, tmp.resolve("a"), 1, new ArrayList<>(), null, true).trials().size());
    }

    @Test
    void create_refusesAFolderWithFilesOfItsOwn(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        var e = assertThrows(IllegalArgumentException.class, () -> SweepFolder.create(tmp, SH, "name: fake\n"));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }

    @Test
    void allTrialsDiverged_meansNoRerunsAndTheTotalShrinks(@TempDir Path tmp) throws IOException {
        SweepSpec wild = spec(new Tuning.EarlyStopping(2, 10), Double.NaN, "1", "2");
        List<SweepRunner.Progress> seen = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        SweepResults r;
        try (SweepFolder out = SweepFolder.create(tmp.resolve("w"), wild, "name: wild\n")) {
            r = new SweepRunner(wild, data(), 1, 1, (p, d, t) -> new Fake(p, runs, null), new SweepRunner.Listener() {
                @Override
                public void unitFinished(SweepTask task, SweepFolder.Stored unit, boolean reused, SweepRunner.Progress progress, Map<String, Double> best) {
                    seen.add(progress);
                }
            }).run(out);
        }
        assertEquals(4, runs.size());
        assertEquals(List.of(), r.reruns());
        SweepRunner.Progress last = seen.get(seen.size() - 1);
        assertEquals(4, last.done());
        assertEquals(4, last.total());
        assertNotNull(r.trials());
    }

    /** A table without the columns whose name holds "seconds". */
    static String withoutSeconds(String csv) {
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).split(",", -1);
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                if (!header[i].contains("seconds")) {
                    b.append(f[i]).append(',');
                }
            }
            b.append('\n');
        }
        return b.toString();
    }
}
