package dev.descent.spark;

import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.Progress;
import dev.descent.problem.Problem;
import dev.descent.problem.Workbench;
import dev.descent.study.RunFingerprint;
import dev.descent.sweep.SweepFile;
import dev.descent.sweep.SweepPlan;
import dev.descent.sweep.SweepTask;
import dev.descent.sweep.SweepWork;
import dev.descent.train.Checkpoint;
import dev.descent.train.TrainListener;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The executor's side of a sweep: runs one unit ({@link SweepWork#run}) from its task text and the checkpoint it
 * continues, and answers {@link UnitResult} bytes. Per executor JVM and sweep it keeps the parsed sweep, each
 * dataset as loaded and checked, and idle workbenches (one per unit running at once), so only a sweep's first units
 * on an executor pay for them.
 */
final class OnExecutor {
    private OnExecutor() {
    }

    /** One sweep's state in this JVM. */
    private static final class Sweep {
        final SweepPlan plan;
        final SweepJob job;
        final Map<String, Dataset.Split> data = new ConcurrentHashMap<>();
        final Map<String, ConcurrentLinkedDeque<Workbench>> idle = new ConcurrentHashMap<>();

        Sweep(SweepJob job) {
            this.job = job;
            this.plan = SweepPlan.of(SweepFile.parse(job.sweepYaml(), "the sweep sent by the driver"));
        }
    }

    private static final Map<String, Sweep> SWEEPS = new ConcurrentHashMap<>();

    /** Runs {@code taskText}; never throws for a descent reason (answers a refusal), only for a failure of the machine. */
    static byte[] run(SweepJob job, String taskText, byte[] from) throws IOException {
        Sweep sweep;
        SweepTask task;
        try {
            sweep = SWEEPS.computeIfAbsent(job.id(), id -> new Sweep(job));
            task = SweepTask.parse(taskText);
        } catch (IllegalArgumentException e) {
            return UnitResult.refused("executor " + host() + " cannot read the unit it was sent: " + e.getMessage());
        }
        Problem problem = sweep.plan.spec().problem(task.problem());
        Workbench bench;
        try {
            bench = take(sweep, problem);
        } catch (DataException e) {
            return UnitResult.refused("executor " + host() + " cannot find the data of problem " + problem.name() + ": " + e.getMessage()
                    + (job.dataDir() == null ? "" : " (the driver reads it from " + job.dataDir() + "; every node must read that path: a shared "
                    + "folder, or a copy at the same path on each node)"));
        } catch (IllegalArgumentException e) {
            return UnitResult.refused("executor " + host() + ", problem " + problem.name() + ": " + e.getMessage());
        }
        try {
            Checkpoint start = from == null ? null : UnitResult.checkpoint(from);
            SweepWork.Done d;
            try {
                d = SweepWork.run(sweep.plan, task, bench, start, TrainListener.NONE);
            } catch (IllegalArgumentException e) {
                return UnitResult.refused(task.label() + ": " + e.getMessage());
            }
            return UnitResult.done(d);
        } finally {
            sweep.idle.get(problem.name()).push(bench);
        }
    }

    /** An idle workbench of {@code problem}, or a new one (its data loaded and checked against the driver's once). */
    private static Workbench take(Sweep sweep, Problem problem) throws IOException {
        Workbench w = sweep.idle.computeIfAbsent(problem.name(), n -> new ConcurrentLinkedDeque<>()).poll();
        if (w != null) {
            return w;
        }
        Dataset.Split data = problem.synthetic() ? null : data(sweep, problem);
        return Workbench.open(problem, data, sweep.job.threads());
    }

    private static Dataset.Split data(Sweep sweep, Problem p) throws IOException {
        Dataset.Split known = sweep.data.get(p.name());
        if (known != null) {
            return known;
        }
        synchronized (sweep) {
            known = sweep.data.get(p.name());
            if (known != null) {
                return known;
            }
            List<String> found = new ArrayList<>();
            Path dir = sweep.job.dataDir() == null ? null : Path.of(sweep.job.dataDir());
            Dataset.Split split = Datasets.standard().load(p.dataset(), dir, found::add, Progress.none()).holdOut(p.validation());
            String sha = RunFingerprint.Data.of(p.dataset(), split).sha256(), expected = sweep.job.dataSha().get(p.name());
            if (!sha.equals(expected)) {
                throw new DataException("executor " + host() + " loaded other data for " + p.dataset() + " than the driver (SHA-256 " + sha
                        + ", the driver's " + expected + ")" + (found.isEmpty() ? "" : ": " + String.join("; ", found))
                        + "; give every node the same files (a shared folder, --data-dir)");
            }
            sweep.data.put(p.name(), split);
            return split;
        }
    }

    /**
     * Gives the sweep {@code job} the driver's data (local mode: the executors are threads of the driver's JVM, which
     * has loaded and checked it already).
     */
    static void share(SweepJob job, Map<String, Dataset.Split> data) {
        SWEEPS.computeIfAbsent(job.id(), id -> new Sweep(job)).data.putAll(data);
    }

    /** Closes this JVM's workbenches of the sweep {@code id} (local mode: the driver's JVM, when the sweep ends). */
    static void forget(String id) {
        Sweep s = SWEEPS.remove(id);
        if (s != null) {
            s.idle.values().forEach(q -> q.forEach(Workbench::close));
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "(unknown host)";
        }
    }
}
