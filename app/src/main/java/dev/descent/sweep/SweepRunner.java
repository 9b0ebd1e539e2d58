package dev.descent.sweep;

import dev.descent.data.Dataset;
import dev.descent.problem.Problem;
import dev.descent.problem.Workbench;
import dev.descent.search.Goal;
import dev.descent.search.Metric;
import dev.descent.search.SuccessiveHalving;
import dev.descent.study.RunFingerprint;
import dev.descent.study.RunResult;
import dev.descent.train.Checkpoint;
import dev.descent.train.Evaluation;
import dev.descent.train.TrainListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Runs a sweep into its results folder: the driver of {@link SweepPlan}'s units. {@code workers} threads of this
 * JVM each take the next ready unit, run it on a {@link Workbench} of its problem with {@code threads} kernel threads
 * ({@link SweepWork#run}), and save it ({@link SweepFolder#save}) before taking another; every unit's numbers are the
 * same whatever the worker and thread counts, and whatever order the units run in. Given a {@link SweepExecutor}, the
 * same driver runs each unit there instead (descent's Spark module: as a Spark task), one unit per slot, and saves
 * it here just the same.
 *
 * <p>Order and dependencies. Every rung-0 trial and every untuned run is ready at the start. A rung of a
 * (problem, optimizer) group is decided when all its trials are saved: successive halving promotes the best
 * ({@link SweepPlan#promote}) and those trials' next rung becomes ready — each continues from the checkpoint its
 * previous rung saved in {@code checkpoints/} ({@link SweepFolder}); the other trials' checkpoints are deleted then, and
 * a promoted trial's once its next rung is saved. Other groups keep the workers busy meanwhile. When a group's last
 * rung is decided (or no trial is left), its configuration is chosen by the one choice rule ({@link SweepSummary#choose},
 * on validation numbers only: tuning trials never see the test set) and its re-runs, one per seed, become ready. Ready units are taken in plan order (group, then tuning before re-runs); untuned runs
 * fill idle workers. After each saved unit {@code trials.csv} and {@code reruns.csv} are rewritten in plan order.
 *
 * <p>Resuming. A unit already saved in the folder with the fingerprint the plan gives it is taken as it is, never run
 * again; one saved with another fingerprint is refused ({@link SweepFolder#check}). Since every decision is a
 * function of saved units, a sweep killed at any moment and resumed ends with the same results as one never stopped.
 *
 * <pre>{@code
 * try (SweepFolder out = SweepFolder.create(dir, spec)) {
 *     SweepResults r = new SweepRunner(spec, dataByProblem, 2, 1, Workbench::open, listener).run(out);
 * }
 * }</pre>
 */
public final class SweepRunner {

    /** Opens a workbench of a problem; {@code Workbench::open}, or a fake in tests. */
    @FunctionalInterface
    public interface Benches {
        Workbench open(Problem problem, Dataset.Split data, int threads);
    }

    /**
     * Where the sweep stands after a unit: units done and planned (planned shrinks when fewer trials are promoted than
     * a rung holds, or a group has nothing to re-run), and the estimated seconds left (NaN until a unit has run here).
     */
    public record Progress(int done, int total, double elapsedSeconds, double etaSeconds) {
    }

    /** What the terminal (or a dashboard) sees; called one at a time. */
    public interface Listener {
        /**
         * A unit is finished: run now, or found saved ({@code reused}).
         *
         * @param bestByOptimizer the best selection metric so far of each optimizer on the unit's problem (NaN: none yet)
         */
        default void unitFinished(SweepTask task, SweepFolder.Stored unit, boolean reused, Progress progress, Map<String, Double> bestByOptimizer) {
        }

        /** A group's tuning is over: its chosen trial, or empty when every trial diverged (nothing to re-run). */
        default void chosen(SweepPlan.Group group, Optional<TrialRecord> choice) {
        }
    }

    private final SweepSpec spec;
    private final SweepPlan plan;
    private final Map<String, Dataset.Split> data;
    private final int workers, threads;
    private final Benches benches;
    private final SweepExecutor executor;
    private final Listener listener;

    /**
     * @param data    each problem's data with its validation split held out, by problem name (none for a synthetic problem);
     *                shared read-only by the workers
     * @param workers units run at once (threads of this JVM)
     * @param threads kernel threads of each unit's workbench
     */
    public SweepRunner(SweepSpec spec, Map<String, Dataset.Split> data, int workers, int threads, Benches benches, Listener listener) {
        this(spec, data, workers, threads, benches, null, listener);
    }

    /**
     * A driver whose units run on {@code executor} ({@link SweepExecutor#slots()} at once) instead of this JVM's
     * threads; the caller closes it.
     *
     * @param data each problem's data, for the units' fingerprints
     */
    public SweepRunner(SweepSpec spec, Map<String, Dataset.Split> data, SweepExecutor executor, Listener listener) {
        this(spec, data, executor.slots(), 1, null, executor, listener);
    }

    private SweepRunner(SweepSpec spec, Map<String, Dataset.Split> data, int workers, int threads, Benches benches, SweepExecutor executor,
                        Listener listener) {
        if (workers < 1 || threads < 1) {
            throw new IllegalArgumentException("workers and threads must be >= 1, got " + workers + " and " + threads);
        }
        this.spec = spec;
        this.plan = SweepPlan.of(spec);
        this.data = Map.copyOf(data);
        this.workers = workers;
        this.threads = threads;
        this.benches = benches;
        this.executor = executor;
        this.listener = listener;
        for (Problem p : spec.problems()) {
            if (!p.synthetic() && !data.containsKey(p.name())) {
                throw new IllegalArgumentException("no data given for problem " + p.name());
            }
        }
    }

    public SweepPlan plan() {
        return plan;
    }

    /**
     * Runs every unit {@code out} lacks, then returns all results in plan order.
     *
     * @throws IllegalArgumentException if {@code out} holds units this sweep cannot reuse
     */
    public SweepResults run(SweepFolder out) throws IOException {
        if (executor != null) {
            return new Driver(out, executor).run();
        }
        try (Local local = new Local()) {
            return new Driver(out, local).run();
        }
    }

    /** This JVM's threads: slot {@code i} keeps its own workbench of each problem, with {@code threads} kernel threads. */
    private final class Local implements SweepExecutor {
        private final List<Map<String, Workbench>> benchesBySlot = new ArrayList<>();

        Local() {
            for (int i = 0; i < workers; i++) {
                benchesBySlot.add(new HashMap<>());
            }
        }

        @Override
        public int slots() {
            return workers;
        }

        @Override
        public SweepWork.Done run(int slot, SweepTask t, Checkpoint from) {
            return run(slot, t, from, TrainListener.NONE);
        }

        @Override
        public SweepWork.Done run(int slot, SweepTask t, Checkpoint from, TrainListener listener) {
            Problem p = spec.problem(t.problem());
            Workbench bench = benchesBySlot.get(slot).computeIfAbsent(p.name(), n -> benches.open(p, data.get(n), threads));
            return SweepWork.run(plan, t, bench, from, listener);
        }

        @Override
        public void close() {
            benchesBySlot.forEach(m -> m.values().forEach(Workbench::close));
        }
    }

    /** The state of one run of the driver; every field is guarded by {@code this}. */
    private final class Driver {
        private final SweepFolder folder;
        private final SweepExecutor executor;
        private final Map<String, RunFingerprint.Data> dataPrints = new HashMap<>();
        private final Map<SweepPlan.Group, GroupState> states = new LinkedHashMap<>();
        private final PriorityQueue<Queued> ready = new PriorityQueue<>(Comparator.comparing(Queued::key, Driver::compareKeys));
        private int running, done;
        private long workDone, workRan;
        private final long start = System.nanoTime();
        private Throwable failure;

        Driver(SweepFolder folder, SweepExecutor executor) {
            this.folder = folder;
            this.executor = executor;
        }

        /** A ready unit, its priority, and the saved rung it continues (or null). */
        private record Queued(SweepTask task, int[] key, SweepFolder.Stored previous) {
        }

        private static int compareKeys(int[] a, int[] b) {
            return java.util.Arrays.compare(a, b);
        }

        SweepResults run() throws IOException {
            Map<Dataset.Split, RunFingerprint.Data> bySplit = new IdentityHashMap<>();
            for (Problem p : spec.problems()) {
                Dataset.Split split = data.get(p.name());
                dataPrints.put(p.name(), p.synthetic() ? new RunFingerprint.Data(p.model(), 0, 0, "synthetic")
                        : bySplit.computeIfAbsent(split, s -> RunFingerprint.Data.of(p.dataset(), s)));
            }
            List<SweepTask> possible = new ArrayList<>();
            plan.groups().forEach(g -> possible.addAll(plan.possibleUnits(g)));
            folder.check(possible, this::fingerprint);
            synchronized (this) {
                for (SweepPlan.Group g : plan.groups()) {
                    states.put(g, new GroupState(g, spec.tuning()));
                }
                for (SweepPlan.Group g : plan.groups()) {
                    for (SweepTask t : plan.firstRung(g)) {
                        enqueue(t, null);
                    }
                    Optional<SweepTask> untuned = plan.untuned(g);
                    if (untuned.isPresent()) {
                        enqueue(untuned.get(), null);
                    }
                }
            }
            List<Thread> pool = new ArrayList<>();
            for (int i = 0; i < executor.slots(); i++) {
                int slot = i;
                Thread w = new Thread(() -> work(slot), "sweep-worker-" + i);
                pool.add(w);
                w.start();
            }
            for (Thread w : pool) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the sweep ran", e);
                }
            }
            synchronized (this) {
                if (failure != null) {
                    switch (failure) {
                        case UncheckedIOException u -> throw u.getCause();
                        case IOException io -> throw io;
                        case RuntimeException r -> throw r;
                        case Error e -> throw e;
                        default -> throw new IllegalStateException(failure);
                    }
                }
                writeTables();
                folder.removeCheckpointFolder();
                return results();
            }
        }

        private RunFingerprint fingerprint(SweepTask t) {
            return plan.fingerprint(t, dataPrints.get(t.problem()));
        }

        /** A worker: takes ready units until none is left nor can become ready, and runs them in its slot of the executor. */
        private void work(int slot) {
            try {
                while (true) {
                    Queued q;
                    synchronized (this) {
                        while (ready.isEmpty() && running > 0 && failure == null) {
                            wait();
                        }
                        if (failure != null || ready.isEmpty()) {
                            notifyAll();
                            return;
                        }
                        q = ready.poll();
                        running++;
                    }
                    SweepFolder.Stored stored;
                    try {
                        stored = runOne(q, slot);
                    } catch (Throwable e) {
                        synchronized (this) {
                            running--;
                            if (failure == null) {
                                failure = e;
                            }
                            notifyAll();
                        }
                        return;
                    }
                    synchronized (this) {
                        running--;
                        try {
                            workRan += q.task().work();
                            complete(stored, false);
                        } catch (Throwable e) {
                            if (failure == null) {
                                failure = e;
                            }
                        }
                        notifyAll();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Runs and saves one unit; no lock held (it touches only this unit's files and this worker's slot). */
        private SweepFolder.Stored runOne(Queued q, int slot) throws IOException {
            SweepTask t = q.task();
            Checkpoint from = null;
            List<RunResult.Row> before = List.of();
            List<Evaluation> earlier = List.of();
            if (q.previous() != null) {
                SweepTask prev = q.previous().task();
                from = folder.checkpoint(prev);
                before = folder.rows(prev);
                earlier = q.previous().outcome().validations();
            }
            try (var live = SweepWork.live(folder.dir(), t, before)) {   // its rows while it trains, for descent serve
                SweepWork.Done d = executor.run(slot, t, from, live);
                return folder.save(d, fingerprint(t), before, earlier);
            }
        }

        /** Makes {@code t} ready, or completes it at once if the folder holds it finished. Holds the lock. */
        private void enqueue(SweepTask t, SweepFolder.Stored previous) throws IOException {
            Optional<SweepFolder.Stored> saved = folder.load(t, fingerprint(t));
            if (saved.isPresent()) {
                complete(saved.get(), true);
                return;
            }
            SweepPlan.Group g = plan.group(t);
            int[] key = switch (t.kind()) {
                case TRIAL -> new int[]{0, g.index(), 0, t.rung(), t.trial()};
                case RERUN -> new int[]{0, g.index(), 1, spec.tuning().seeds().indexOf(t.seed()), 0};
                case UNTUNED -> new int[]{1, g.index(), 0, 0, 0}; // no unit waits for it: it fills idle workers
            };
            ready.add(new Queued(t, key, previous));
        }

        /** Records a finished unit and makes ready what it unlocks. Holds the lock. */
        private void complete(SweepFolder.Stored s, boolean reused) throws IOException {
            SweepTask t = s.task();
            SweepPlan.Group g = plan.group(t);
            GroupState st = states.get(g);
            done++;
            workDone += t.work();
            switch (t.kind()) {
                case TRIAL -> {
                    st.trials.get(t.rung()).put(t.trial(), s);
                    if (t.rung() > 0) {
                        folder.deleteCheckpoint(plan.trial(g, t.trial(), t.rung() - 1)); // continued: not needed any more
                    }
                }
                case RERUN -> st.reruns.put(spec.tuning().seeds().indexOf(t.seed()), rerun(g, s));
                case UNTUNED -> st.untuned = rerun(g, s);
            }
            Decision d = t.kind() == SweepTask.Kind.TRIAL && st.trials.get(t.rung()).size() == st.entered.get(t.rung()).size()
                    ? decide(st, t.rung()) : null;
            listener.unitFinished(t, s, reused, progress(), best(g.problem()));
            if (d != null) {
                if (d.choice() != null) {
                    listener.chosen(g, d.choice());
                }
                for (Queued q : d.next()) {
                    enqueue(q.task(), q.previous());
                }
            }
            if (!reused) {
                writeTables();
            }
        }

        /** What a decided rung unlocks: the next rung's trials (with the units they continue), or the choice and its re-runs. */
        private record Decision(List<Queued> next, Optional<TrialRecord> choice) {
        }

        /** Rung {@code k} of a group is complete: promote, or choose. */
        private Decision decide(GroupState st, int k) throws IOException {
            SweepPlan.Group g = st.group;
            Map<Integer, Double> metrics = new TreeMap<>();
            st.trials.get(k).forEach((trial, s) -> metrics.put(trial, metric(g, s.outcome())));
            List<Integer> promoted = plan.promote(g, k, metrics);
            st.promoted.put(k, promoted);
            for (int trial : st.entered.get(k)) {
                if (!promoted.contains(trial)) {
                    folder.deleteCheckpoint(plan.trial(g, trial, k));
                }
            }
            List<Queued> next = new ArrayList<>();
            if (k < g.lastRung()) {
                st.project(k + 1, promoted.size());
            }
            if (!promoted.isEmpty()) {
                st.entered.put(k + 1, promoted);
                for (int trial : promoted) {
                    next.add(new Queued(plan.trial(g, trial, k + 1), null, st.trials.get(k).get(trial)));
                }
                return new Decision(next, null);
            }
            Optional<TrialRecord> choice = choose(st);
            if (choice.isEmpty()) {
                st.rerunsExpected = 0;
            } else {
                for (SweepTask r : plan.reruns(g, choice.get().point())) {
                    next.add(new Queued(r, null, null));
                }
            }
            return new Decision(next, choice);
        }

        private Progress progress() {
            int total = 0;
            long work = 0;
            for (GroupState st : states.values()) {
                total += st.expectedUnits();
                work += st.expectedWork();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = workRan == 0 ? Double.NaN : elapsed / workRan * Math.max(0, work - workDone);
            return new Progress(done, Math.max(done, total), elapsed, eta);
        }

        /** The best selection metric so far of each optimizer on {@code problem}, any rung. */
        private Map<String, Double> best(Problem problem) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (GroupState st : states.values()) {
                if (!st.group.problem().equals(problem)) {
                    continue;
                }
                Goal goal = plan.rankedBy(st.group).goal();
                double best = Double.NaN;
                for (Map<Integer, SweepFolder.Stored> rung : st.trials) {
                    for (SweepFolder.Stored s : rung.values()) {
                        double m = metric(st.group, s.outcome());
                        if (Double.isFinite(m) && (Double.isNaN(best) || goal.compare(m, best) < 0)) {
                            best = m;
                        }
                    }
                }
                out.put(st.group.optimizer().name(), best);
            }
            return out;
        }

        private void writeTables() throws IOException {
            folder.writeTables(TrialsCsv.trials(spec, trialRecords(), r -> decided(r)), TrialsCsv.reruns(spec, rerunRecords()));
        }

        private boolean decided(TrialRecord r) {
            return states.get(plan.group(r.problem(), r.optimizer())).promoted.containsKey(r.rung());
        }

        private List<TrialRecord> trialRecords() {
            List<TrialRecord> out = new ArrayList<>();
            for (GroupState st : states.values()) {
                for (int k = 0; k < st.trials.size(); k++) {
                    List<Integer> promoted = st.promoted.getOrDefault(k, List.of());
                    for (SweepFolder.Stored s : st.trials.get(k).values()) {
                        out.add(record(st.group, s, promoted.contains(s.task().trial())));
                    }
                }
            }
            return out;
        }

        private List<RerunRecord> rerunRecords() {
            List<RerunRecord> out = new ArrayList<>();
            for (GroupState st : states.values()) {
                out.addAll(st.reruns.values());
                if (st.untuned != null) {
                    out.add(st.untuned);
                }
            }
            return out;
        }

        private SweepResults results() {
            return new SweepResults(spec, trialRecords(), rerunRecords());
        }

        private RerunRecord rerun(SweepPlan.Group g, SweepFolder.Stored s) throws IOException {
            SweepTask t = s.task();
            SweepFolder.Outcome o = s.outcome();
            List<RunResult.Row> rows = folder.rows(t);
            long stepsToTarget = -1;
            double secondsToTarget = Double.NaN;
            Problem p = g.problem();
            for (Evaluation e : o.validations()) {
                double v = p.targetMetric() == Metric.Kind.ACCURACY ? e.accuracy() : e.loss();
                boolean reached = p.targetMetric() == Metric.Kind.ACCURACY ? v >= p.target() : v <= p.target();
                if (reached && e.step() >= 1 && e.step() <= rows.size()) {
                    stepsToTarget = e.step();
                    secondsToTarget = rows.get((int) e.step() - 1).seconds();
                    break;
                }
            }
            return new RerunRecord(t.problem(), t.optimizer(), t.seed(), t.point(), t.kind() == SweepTask.Kind.UNTUNED, rows,
                    o.validation(), o.test(), o.diverged(), o.divergedAt(), o.cpuSeconds(), stepsToTarget, secondsToTarget);
        }
    }

    /** One group's progress: the trials that entered each rung, the saved units, the decisions. */
    private static final class GroupState {
        final SweepPlan.Group group;
        final Map<Integer, List<Integer>> entered = new HashMap<>();
        final List<Map<Integer, SweepFolder.Stored>> trials = new ArrayList<>();
        final Map<Integer, List<Integer>> promoted = new HashMap<>();
        final Map<Integer, RerunRecord> reruns = new TreeMap<>();
        RerunRecord untuned;
        /** Trials expected at each rung: as planned, until a decided rung promotes fewer (diverged trials). */
        final int[] expected;
        int rerunsExpected;
        final int untunedExpected;

        GroupState(SweepPlan.Group g, Tuning tuning) {
            this.group = g;
            expected = g.rungs().stream().mapToInt(SuccessiveHalving.Rung::trials).toArray();
            rerunsExpected = tuning.seeds().size();
            untunedExpected = tuning.hasCommonLr() ? 1 : 0;
            List<Integer> all = new ArrayList<>();
            for (int t = 0; t < g.points().size(); t++) {
                all.add(t);
            }
            entered.put(0, all);
            for (int k = 0; k <= g.lastRung(); k++) {
                trials.add(new TreeMap<>());
            }
        }

        /** {@code entering} trials go on to rung {@code k}; later rungs keep at most a 1/η share of the one before. */
        void project(int k, int entering) {
            expected[k] = entering;
            for (int j = k + 1; j < expected.length; j++) {
                expected[j] = Math.min(expected[j], expected[j - 1] / group.halving().eta());
            }
        }

        int expectedUnits() {
            return java.util.Arrays.stream(expected).sum() + rerunsExpected + untunedExpected;
        }

        long expectedWork() {
            long w = 0, before = 0;
            for (int k = 0; k < expected.length; k++) {
                w += expected[k] * (group.rungs().get(k).steps() - before);
                before = group.rungs().get(k).steps();
            }
            return w + (long) (rerunsExpected + untunedExpected) * group.problem().steps();
        }
    }

    /**
     * The selection metric of a saved trial of {@code g} ({@link Tuning#metric()}: the validation accuracy, or loss
     * ({@link SweepPlan#rankedBy}), final or best of its evaluations, earlier rungs' included); NaN when it diverged or
     * was never evaluated.
     */
    double metric(SweepPlan.Group g, SweepFolder.Outcome o) {
        if (o.diverged() || o.validations().isEmpty()) {
            return Double.NaN;
        }
        Metric.Kind kind = plan.rankedBy(g);
        if (spec.tuning().metric().at() == Metric.At.FINAL) {
            return value(kind, o.validation());
        }
        double best = Double.NaN;
        for (Evaluation e : o.validations()) {
            double v = value(kind, e);
            if (Double.isFinite(v) && (Double.isNaN(best) || kind.goal().compare(v, best) < 0)) {
                best = v;
            }
        }
        return best;
    }

    private static double value(Metric.Kind kind, Evaluation e) {
        return kind == Metric.Kind.ACCURACY ? e.accuracy() : e.loss();
    }

    private TrialRecord record(SweepPlan.Group g, SweepFolder.Stored s, boolean promoted) {
        SweepTask t = s.task();
        SweepFolder.Outcome o = s.outcome();
        Evaluation v = o.validation();
        return new TrialRecord(t.problem(), t.optimizer(), t.trial(), t.rung(), t.point(), t.seed(), o.steps(), metric(g, o),
                v == null ? Double.NaN : v.accuracy(), v == null ? Double.NaN : v.loss(), o.diverged(), o.divergedAt(), promoted,
                o.cpuSeconds(), o.wallSeconds());
    }

    /** The configuration to re-run: the one choice rule ({@link SweepSummary#choose}), on the group's saved trials. */
    private Optional<TrialRecord> choose(GroupState st) {
        List<TrialRecord> records = new ArrayList<>();
        for (Map<Integer, SweepFolder.Stored> rung : st.trials) {
            for (SweepFolder.Stored s : rung.values()) {
                records.add(record(st.group, s, false));
            }
        }
        return SweepSummary.choose(records, plan.rankedBy(st.group).goal());
    }
}
