package dev.descent.cli;

import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.Progress;
import dev.descent.io.AtomicFiles;
import dev.descent.problem.Problem;
import dev.descent.problem.Workbench;
import dev.descent.report.SweepReport;
import dev.descent.serve.DashboardServer;
import dev.descent.search.Metric;
import dev.descent.study.RunSpec;
import dev.descent.sweep.SweepFile;
import dev.descent.sweep.SweepExecutor;
import dev.descent.sweep.SweepFolder;
import dev.descent.sweep.SweepPlan;
import dev.descent.sweep.SweepResults;
import dev.descent.sweep.SweepRunner;
import dev.descent.sweep.SweepSpec;
import dev.descent.sweep.SweepTask;
import dev.descent.sweep.TrialRecord;
import dev.descent.train.Evaluation;
import dev.descent.train.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** {@code descent sweep}: tunes every optimizer on every problem, re-runs each one's best over seeds, and reports. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare optimizers each at its best: tune every optimizer on every problem (trials on the validation set, "
                + "with successive halving if the sweep asks for it), re-run each chosen configuration over the seeds (test set "
                + "at the end), then write trials.csv, reruns.csv, summary.json, plots and report.html.",
                "Trials run in parallel (--workers), each with --threads kernel threads; the numbers are the same whatever the two. "
                        + "Every finished trial is saved at once: a sweep stopped at any moment continues with --resume."},
        footer = {"", "Examples:",
                "  descent sweep --preset fair-quick                       tune and compare on the quick preset",
                "  descent sweep --preset fair --print > my-sweep.yaml     start a sweep file of your own from a preset",
                "  descent sweep my-sweep.yaml --out results/mine           run it into results/mine",
                "  descent sweep --resume results/mine                      continue a sweep that was stopped",
                "  descent sweep --preset fair-quick --serve",
                "      watched in the browser at the address it prints: curves grow, the",
                "      sensitivity view fills in. The dashboard stops when the sweep ends",
                "      (--keep-serving: only at Ctrl-C); descent serve results shows it again.",
                "  descent sweep --preset fair-quick --workers 1 --threads 2   one trial at a time, two kernel threads",
                "  descent sweep my-sweep.yaml --spark 'local[*]'             the trials as Spark tasks on this machine's cores"})
public final class SweepCommand implements Callable<Integer> {

    /**
     * Default kernel threads per trial, with as many trials at once as cores: a trial's steps are too small to split
     * well. Measured on 2 shared cores (other jobs running, so give or take 15%): the fair-quick preset ran its 114
     * trials and re-runs in 27 and 28 s with 2 workers x 1 thread, in 28 and 33 s with 1 x 2; twelve 3000-step
     * mnist-mlp trials and three re-runs took 11 to 19 s (about 3400 per hour) against 21 to 22 s (about 2500 per
     * hour), the trials' CPU seconds 10 to 20% fewer.
     */
    static final int DEFAULT_THREADS = 1;

    @Spec
    CommandSpec command;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A sweep file (YAML). See --print for the format.")
    Path file;

    @Option(names = "--preset", description = "A sweep shipped with descent: ${COMPLETION-CANDIDATES}.", completionCandidates = Presets.class)
    String preset;

    @Option(names = "--out", description = "Results folder (default: results/NAME-DATE-TIME).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue a sweep in DIR that was stopped: finished trials and re-runs are kept, "
            + "the rest run. Its settings are DIR/sweep.yaml's: of the other options only --workers, --threads, --data-dir and --spark go with it.")
    Path resume;

    @Option(names = "--workers", description = "Trials run at once (default: the cores divided by --threads).")
    Integer workers;

    @Option(names = "--threads", description = "Kernel threads of each trial (default: " + DEFAULT_THREADS + ").")
    Integer threads;

    @Option(names = "--data-dir", description = "Folder holding one sub-folder per dataset (else $DESCENT_DATA, the cache, ...).")
    Path dataDir;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run the trials and re-runs as Apache Spark tasks: local[2], local[*], "
            + "spark://HOST:7077 (spark-submit passes its own); --workers then counts units in flight (default: the cluster's cores "
            + "at the start). Same results folder and numbers as without. Needs descent's Spark module: ./descent adds it (docs/spark.md).")
    String spark;

    @Option(names = "--print", description = "Print the sweep file (a preset's, or DIR/sweep.yaml with --resume) and exit.")
    boolean print;

    @Mixin
    ServeOptions.Watch watch = new ServeOptions.Watch();

    /** Lists the presets for help and completion. */
    static final class Presets extends ArrayList<String> {
        Presets() {
            super(SweepFile.PRESETS);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream err = System.err;
        watch.check(StudyCommand.optionsOutside(command, Set.of()));
        int cores = Runtime.getRuntime().availableProcessors();
        int nThreads = threads != null ? Limits.threads("--threads", threads)
                : workers != null && spark == null ? Math.max(1, cores / Limits.threads("--workers", workers)) : DEFAULT_THREADS;
        int nWorkers = workers != null ? Limits.threads("--workers", workers) : Math.max(1, cores / nThreads);
        SweepFolder folder = null;
        SweepSpec spec;
        Path dir = null;
        if (resume != null) {
            if (file != null || preset != null) {
                throw new IllegalArgumentException("--resume takes the sweep from DIR/sweep.yaml: give no FILE or --preset with it");
            }
            refuseSettingsWithResume();
            if (print) {
                System.out.print(SweepFile.write(SweepFile.read(resume.resolve(SweepFolder.SWEEP))));
                return 0;
            }
            folder = SweepFolder.open(resume);
            spec = folder.spec();
        } else {
            if (file != null && preset != null) {
                throw new IllegalArgumentException("give a sweep FILE or --preset, not both");
            }
            if (file == null && preset == null) {
                throw new IllegalArgumentException("give a sweep FILE or --preset NAME (" + String.join(", ", SweepFile.PRESETS)
                        + "); `descent sweep --preset fair-quick --print` shows one");
            }
            spec = file != null ? SweepFile.read(file) : SweepFile.preset(preset);
            if (print) {
                System.out.print(SweepFile.write(spec));
                return 0;
            }
            dir = out != null ? out : defaultOut(spec);
        }
        SweepExecutor.Provider sparkProvider = spark == null ? null : SweepExecutor.provider("spark");
        Terminal terminal = new Terminal(err, spec);
        DashboardServer server = null;
        int code;
        SweepExecutor executor = null;
        try {
            SweepRunner runner;
            Map<String, Dataset.Split> data;
            try {
                data = load(spec, err);
            } catch (DataException e) {
                err.println("descent sweep: " + e.getMessage());
                return 2;
            }
            if (sparkProvider != null) {
                executor = sparkProvider.open(new SweepExecutor.Settings(spark, spec, data, dataDir, workers, nThreads, err));
                nWorkers = executor.slots();
                runner = new SweepRunner(spec, data, executor, terminal);
            } else {
                runner = new SweepRunner(spec, data, nWorkers, nThreads, Workbench::open, terminal);
            }
            if (folder == null) {
                AtomicFiles.checkWritable(dir.resolve(SweepFolder.SWEEP)); // makes the folder: the dashboard starts before
                server = watch.start(dir, "sweep", err);                    // anything is written, a port in use leaves nothing
                folder = SweepFolder.create(dir, spec);
            } else {
                server = watch.start(folder.dir(), "sweep", err);
            }
            code = run(folder, runner, terminal, nWorkers, nThreads, err);
        } catch (IOException | RuntimeException | Error e) {
            if (server != null) {
                server.close();
            }
            throw e;
        } finally {
            try {
                if (executor != null) {
                    executor.close();
                }
            } finally {
                if (folder != null) {
                    folder.close();
                }
            }
        }
        watch.end(server, folder.dir(), "sweep", err); // after the folder is unlocked: a kept dashboard holds no lock
        return code;
    }

    /** Options that go with {@code --resume}: they change neither the sweep's numbers nor where it writes. */
    private static final Set<String> WITH_RESUME = Set.of("--resume", "--workers", "--threads", "--data-dir", "--print", "--spark",
            "--serve", "--keep-serving", "--port", "--host");

    private void refuseSettingsWithResume() {
        List<String> given = StudyCommand.optionsOutside(command, WITH_RESUME);
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("--resume " + resume + " takes every setting from " + resume.resolve(SweepFolder.SWEEP)
                    + " and writes into " + resume + ", so " + String.join(", ", given) + " cannot apply; only --workers, --threads, "
                    + "--data-dir, --spark and --serve go with --resume");
        }
    }

    /** {@code results/NAME-DATE-TIME}, as a study's. */
    static Path defaultOut(SweepSpec spec) {
        Path results = Path.of("results");
        Path dir = results.resolve(RunSpec.checkName("sweep", spec.name()) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (!results.equals(dir.normalize().getParent())) {
            throw new IllegalStateException("the results folder " + dir + " would not be inside " + results);
        }
        return dir;
    }

    /**
     * Each problem's data with its validation split held out: every dataset loaded once, every (dataset, rule) split
     * made once, and shared by the problems that use it; checked against each problem's batch.
     */
    private Map<String, Dataset.Split> load(SweepSpec spec, PrintStream err) throws IOException {
        Map<String, Dataset.Split> loaded = new HashMap<>(), split = new HashMap<>(), byProblem = new LinkedHashMap<>();
        for (Problem p : spec.problems()) {
            if (p.synthetic()) {
                continue;
            }
            Dataset.Split all = loaded.get(p.dataset());
            if (all == null) {
                all = Datasets.standard().load(p.dataset(), dataDir, err::println, Progress.textBar(err));
                loaded.put(p.dataset(), all);
            }
            Dataset.Split s = split.get(p.dataset() + " " + p.validation());
            if (s == null) {
                s = all.holdOut(p.validation());
                split.put(p.dataset() + " " + p.validation(), s);
            }
            Limits.count("problem " + p.name() + ": batch", p.batch(), 1, s.train().count(),
                    "its training set holds " + s.train().count() + " examples after the validation split");
            byProblem.put(p.name(), s);
        }
        return byProblem;
    }

    private int run(SweepFolder folder, SweepRunner runner, Terminal terminal, int nWorkers, int nThreads, PrintStream err) throws IOException {
        SweepSpec spec = folder.spec();
        SweepPlan plan = runner.plan();
        err.printf(Locale.ROOT, "sweep %s: %s x %s, up to %d trials and re-runs (%d training steps), %s x %s%nresults: %s%n",
                spec.name(), count(spec.problems().size(), "problem"), count(spec.optimizers().size(), "optimizer"), plan.plannedUnits(),
                plan.plannedSteps(), count(nWorkers, "worker"), count(nThreads, "thread"), folder.dir().toAbsolutePath());
        AtomicReference<String> phase = new AtomicReference<>("training");
        Thread hook = new Thread(() -> {
            switch (phase.get()) {
                case "training" -> err.println(System.lineSeparator() + "interrupted: finished trials are saved in " + folder.dir()
                        + "; continue with: ./descent sweep --resume " + folder.dir());
                case "report" -> err.println(System.lineSeparator() + "interrupted while writing the report: every trial is saved in "
                        + folder.dir() + "; write the report again with: ./descent sweep --resume " + folder.dir());
                default -> {
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Path report;
        SweepResults results;
        try {
            long start = System.nanoTime();
            results = runner.run(folder);
            int kept = terminal.kept();
            err.printf(Locale.ROOT, "sweep %s: %d trials and re-runs done in %s%s%n", spec.name(), results.trials().size() + results.reruns().size(),
                    ProgressBar.duration((System.nanoTime() - start) / 1e9), kept == 0 ? "" : " (" + kept + " of them kept from before)");
            phase.set("report");
            report = SweepReport.write(folder.dir(), results);
        } finally {
            phase.set("done"); // a failure is reported by the error handler, not as an interruption
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        SweepReport.printTable(System.out, results);
        System.out.println("report: " + report.toAbsolutePath());
        return 0;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** One line per finished unit: where the sweep stands, what the unit gave, the best so far on its problem, the ETA. */
    static final class Terminal implements SweepRunner.Listener {
        private final PrintStream err;
        private final Metric metric;
        private int kept;
        private boolean announced;

        Terminal(PrintStream err, SweepSpec spec) {
            this.err = err;
            this.metric = spec.tuning().metric();
        }

        /** How many units were found finished (a resume). */
        int kept() {
            return kept;
        }

        @Override
        public void unitFinished(SweepTask task, SweepFolder.Stored unit, boolean reused, SweepRunner.Progress p, Map<String, Double> best) {
            if (reused) {
                kept++;
                return;
            }
            if (!announced && kept > 0) {
                err.printf(Locale.ROOT, "kept %d finished trials and re-runs from before%n", kept);
            }
            announced = true;
            SweepFolder.Outcome o = unit.outcome();
            String what;
            if (o.diverged()) {
                what = "diverged at step " + o.divergedAt();
            } else {
                Evaluation v = o.validation();
                what = v == null ? "no evaluation" : String.format(Locale.ROOT, "validation accuracy %.4f, loss %.4f", v.accuracy(), v.loss());
                if (o.test() != null) {
                    what += String.format(Locale.ROOT, ", test accuracy %.4f", o.test().accuracy());
                }
            }
            String bests = best.entrySet().stream().map(e -> e.getKey() + " " + (Double.isNaN(e.getValue()) ? "-" : String.format(Locale.ROOT, "%.4f", e.getValue())))
                    .collect(Collectors.joining(", "));
            err.printf(Locale.ROOT, "[%d/%d%s] %s (%d steps, %.1f s): %s | best %s: %s%n", p.done(), p.total(),
                    Double.isNaN(p.etaSeconds()) ? "" : " ETA " + ProgressBar.duration(p.etaSeconds()), task.label(), o.steps(), o.wallSeconds(),
                    what, metric, bests);
        }

        @Override
        public void chosen(SweepPlan.Group group, Optional<TrialRecord> choice) {
            if (choice.isEmpty()) {
                err.printf(Locale.ROOT, "%s: every trial diverged, nothing to re-run%n", group.label());
            } else {
                TrialRecord c = choice.get();
                err.printf(Locale.ROOT, "%s: chose trial %d %s (%s %.4f at rung %d); re-running it over the seeds%n", group.label(), c.trial(),
                        c.point(), metric, c.metric(), c.rung());
            }
        }
    }
}
