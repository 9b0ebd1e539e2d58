package dev.descent.spark;

import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.problem.Problem;
import dev.descent.study.RunFingerprint;
import dev.descent.sweep.SweepExecutor;
import dev.descent.sweep.SweepFile;
import dev.descent.sweep.SweepTask;
import dev.descent.sweep.SweepWork;
import dev.descent.train.Checkpoint;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a sweep's units as Apache Spark tasks: each unit is a one-task Spark job (described by its label in the Spark
 * UI), submitted by one of the driver's slots as the unit becomes ready, so successive halving's rounds and the
 * re-runs go to the cluster as soon as {@link dev.descent.sweep.SweepRunner} decides them. A task gets the sweep
 * (broadcast once), its task text, and the checkpoint it continues (broadcast with it); it answers the unit's outcome
 * with its end checkpoint ({@link UnitResult}), which the driver saves into the results folder as a local sweep does.
 * So checkpoints live on the driver's disk, in the results folder, and travel with the tasks: no shared folder.
 *
 * <p>A task lost with its executor is run again by Spark elsewhere (its numbers are a function of the task: the same);
 * a unit that cannot run for a descent reason (a bad configuration, data the executor cannot find) is answered as
 * such, not retried, and stops the sweep with that reason.
 */
final class SparkSweepExecutor implements SweepExecutor {
    /** Executor JVM options descent needs beyond Spark's own defaults (which open the JDK's modules and add the Vector API). */
    static final String EXECUTOR_OPTIONS = "-XX:+UseParallelGC -Xss4m";
    /** How long a sweep without --workers waits for a cluster's first executor, to count its cores. */
    static final long EXECUTOR_WAIT_SECONDS = 60;

    private final JavaSparkContext sc;
    private final Broadcast<SweepJob> job;
    private final String jobId;
    private final int slots;
    private final boolean local;

    SparkSweepExecutor(Settings s) throws IOException {
        SparkConf conf = new SparkConf(); // spark.* system properties: what spark-submit passes
        if (s.master() != null && !s.master().isBlank()) {
            conf.setMaster(s.master());
        }
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("--spark needs a master: local[2], local[*], spark://HOST:7077, yarn, k8s://..."
                    + " (spark-submit passes its --master)");
        }
        conf.setIfMissing("spark.app.name", "descent sweep " + s.spec().name());
        conf.setIfMissing("spark.log.level", "WARN"); // descent prints the sweep's progress itself
        conf.setIfMissing("spark.task.cpus", Integer.toString(s.threads())); // a unit keeps --threads cores busy
        if (!conf.contains("spark.executor.extraJavaOptions")) {
            conf.set("spark.executor.extraJavaOptions", EXECUTOR_OPTIONS);
        }
        String master = conf.get("spark.master");
        local = master.startsWith("local");
        Path all = local || conf.contains("spark.jars") ? null : allJar();
        if (all != null) {
            conf.set("spark.jars", all.toString()); // a driver not started by spark-submit (./descent) ships descent to the executors
        }
        PrintStream err = s.err();
        sc = start(conf, master);
        try {
            sc.sc().addSparkListener(new SparkListener() {
                @Override
                public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
                    err.printf(Locale.ROOT, "Spark: executor %s was lost (%s); its units run again on the others%n", e.executorId(), e.reason());
                }
            });
            String ui = sc.sc().uiWebUrl().isDefined() ? sc.sc().uiWebUrl().get() : "off (spark.ui.enabled=false)";
            err.printf(Locale.ROOT, "Spark %s, master %s, application %s; Spark UI: %s%n", sc.version(), master, sc.sc().applicationId(), ui);
            Map<String, String> sha = new HashMap<>();
            Map<Dataset.Split, String> bySplit = new HashMap<>();
            for (Problem p : s.spec().problems()) {
                if (!p.synthetic()) {
                    sha.put(p.name(), bySplit.computeIfAbsent(s.data().get(p.name()), d -> RunFingerprint.Data.of(p.dataset(), d).sha256()));
                }
            }
            Path dataDir = s.dataDir() != null ? s.dataDir().toAbsolutePath()
                    : System.getenv(Datasets.ENV_DATA) != null ? Path.of(System.getenv(Datasets.ENV_DATA)).toAbsolutePath() : null;
            jobId = UUID.randomUUID().toString();
            SweepJob j = new SweepJob(jobId, SweepFile.write(s.spec()), dataDir == null ? null : dataDir.toString(), sha, s.threads());
            if (local) {
                OnExecutor.share(j, s.data());
            }
            job = sc.broadcast(j);
            slots = s.workers() != null ? s.workers() : Math.max(1, cores(err) / s.threads());
        } catch (RuntimeException e) {
            sc.stop();
            throw e;
        }
    }

    /**
     * {@code descent-spark-VERSION-all.jar} beside the jar this class was loaded from (spark/target when run by
     * {@code ./descent}), or {@code null}.
     */
    private static Path allJar() {
        try {
            Path self = Path.of(SparkSweepExecutor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String name = self.getFileName().toString();
            if (!name.endsWith(".jar")) {
                return null;
            }
            Path all = name.endsWith("-all.jar") ? self : self.resolveSibling(name.substring(0, name.length() - 4) + "-all.jar");
            return Files.isRegularFile(all) ? all : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** A Spark context, or bad input saying why Spark could not start (an unknown master, a port in use, ...). */
    private static JavaSparkContext start(SparkConf conf, String master) {
        try {
            return new JavaSparkContext(conf);
        } catch (Exception e) { // Spark's SparkException is checked, and undeclared by its Scala constructor
            if (e instanceof RuntimeException r && !(e instanceof SparkException) && !(e.getCause() instanceof SparkException)) {
                throw r;
            }
            throw new IllegalArgumentException("Spark could not start with master " + master + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * The cores units can run on: Spark's default parallelism, once the first executor has registered (a cluster's
     * executors start after the driver; waited for at most {@link #EXECUTOR_WAIT_SECONDS}).
     */
    private int cores(PrintStream err) {
        if (!local && sc.statusTracker().getExecutorInfos().length <= 1) {
            err.println("Spark: waiting for the first executors to register (at most " + EXECUTOR_WAIT_SECONDS + " s; --workers N skips this)");
            long end = System.nanoTime() + EXECUTOR_WAIT_SECONDS * 1_000_000_000L;
            while (sc.statusTracker().getExecutorInfos().length <= 1 && System.nanoTime() < end) { // the driver is one of them
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return sc.defaultParallelism();
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public SweepWork.Done run(int slot, SweepTask task, Checkpoint from) throws IOException {
        Broadcast<byte[]> start = from == null ? null : sc.broadcast(UnitResult.bytes(from));
        try {
            sc.setJobDescription(task.label());
            List<byte[]> out = sc.parallelize(List.of(task.toSpec().toString()), 1).map(new Unit(job, start)).collect();
            return UnitResult.read(task, out.get(0));
        } catch (Exception e) { // Spark's SparkException is checked, and undeclared by its Scala methods
            if (e instanceof RuntimeException r && !(e instanceof SparkException)) {
                throw r;
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("Spark gave up on " + task.label() + ": " + firstLine(e.getMessage()), e);
        } finally {
            if (start != null) {
                start.destroy();
            }
        }
    }

    private static String firstLine(String m) {
        return m == null ? "" : m.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        try {
            if (local) {
                OnExecutor.forget(jobId);
            }
        } finally {
            sc.stop();
        }
    }

    /** The task's function, shipped to the executors: a task's text to its result's bytes. */
    private record Unit(Broadcast<SweepJob> job, Broadcast<byte[]> from) implements Function<String, byte[]> {
        @Override
        public byte[] call(String taskText) throws IOException {
            return OnExecutor.run(job.value(), taskText, from == null ? null : from.value());
        }
    }
}
