package dev.descent.cli;

import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.Progress;
import dev.descent.io.AtomicFiles;
import dev.descent.report.Report;
import dev.descent.serve.DashboardServer;
import dev.descent.study.ResultsFolder;
import dev.descent.study.RunResult;
import dev.descent.study.RunSpec;
import dev.descent.study.StudyFile;
import dev.descent.study.StudyLimits;
import dev.descent.study.StudyRunner;
import dev.descent.study.StudySpec;
import dev.descent.train.Limits;
import dev.descent.train.StepRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** {@code descent study}: runs an optimizer comparison and writes metrics, plots and a report. */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare optimizers: train every configuration x seed from the same initial weights on the same "
                + "minibatches, then write metrics.csv, summary.json, plots and report.html.",
                "With no FILE and no --preset, runs the reference study (CNN on MNIST, GD / Nesterov / RMSProp / Adam "
                        + "as TensorFlow 1 defines them, lr 0.001, batch 50, 1000 steps)."},
        footer = {"", "Examples:",
                "  descent study --preset quick",
                "      a small study, into results/quick-DATE-TIME",
                "  descent study my-study.yaml --out results/mine",
                "  descent study --preset quick --serve",
                "      the same, watched in the browser at the address it prints: curves grow",
                "      as it trains. The dashboard stops when the study ends (--keep-serving:",
                "      only at Ctrl-C); descent serve results shows it again at any time.",
                "  descent study --resume results/mine --serve --port 0",
                "      continue a stopped study, watched on any free port"})
public final class StudyCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A study file (YAML). See --print for the format.")
    Path file;

    @Option(names = "--preset", description = "A study shipped with descent: ${COMPLETION-CANDIDATES} (default: reference).",
            completionCandidates = Presets.class)
    String preset;

    @Option(names = "--steps", description = "Override the number of training steps per run.")
    Long steps;

    @Option(names = "--epochs", description = "Override the length in epochs instead of steps.")
    Double epochs;

    @Option(names = "--seeds", description = "Seeds: a count N (seeds 1..N) or a list like 1,2,7.")
    String seeds;

    @Option(names = "--dataset", description = "Override the dataset: mnist or fashion-mnist.")
    String dataset;

    @Option(names = "--model", description = "Override the model: cnn, mlp or logreg.")
    String model;

    @Option(names = "--batch", description = "Override the minibatch size.")
    Integer batch;

    @Option(names = "--eval-every", description = "Override the steps between test evaluations.")
    Long evalEvery;

    @Option(names = "--out", description = "Results folder (default: results/NAME-DATE-TIME).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue a study in DIR that was stopped: finished runs are kept, the rest run. Its settings are DIR/study.yaml's: "
                    + "of the other options only --threads, --data-dir and --retrain-stale go with it.")
    Path resume;

    @Option(names = "--retrain-stale", description = "With --resume: move finished runs that were trained otherwise than DIR/study.yaml "
            + "now says (or that belong to no run of it) to DIR/runs/stale/, and train them again. Without it such runs are refused.")
    boolean retrainStale;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--data-dir", description = "Folder holding one sub-folder per dataset (else $DESCENT_DATA, the cache, ...).")
    Path dataDir;

    @Option(names = "--print", description = "Print the resolved study file (with overrides applied) and exit.")
    boolean print;

    @Mixin
    ServeOptions.Watch watch = new ServeOptions.Watch();

    /** Lists the presets for help and completion. */
    static final class Presets extends ArrayList<String> {
        Presets() {
            super(StudyFile.PRESETS);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream err = System.err;
        int nThreads = Limits.threads("--threads", threads);
        watch.check(optionsOutside(command, Set.of()));
        ResultsFolder folder;
        StudySpec spec;
        Path dir = null;
        DashboardServer server = null;
        int code;
        if (resume != null) {
            if (file != null || preset != null) {
                throw new IllegalArgumentException("--resume takes the study from DIR/study.yaml: give no FILE or --preset with it");
            }
            refuseSettingsWithResume();
            if (print) {
                System.out.print(StudyFile.write(StudyFile.read(resume.resolve(ResultsFolder.STUDY))));
                return 0;
            }
            folder = ResultsFolder.open(resume);
            spec = folder.spec();
        } else {
            if (retrainStale) {
                throw new IllegalArgumentException("--retrain-stale goes with --resume DIR: a new study has no runs to retrain");
            }
            if (file != null && preset != null) {
                throw new IllegalArgumentException("give a study FILE or --preset, not both");
            }
            spec = overrides(file != null ? StudyFile.read(file) : StudyFile.preset(preset != null ? preset : "reference"));
            if (print) {
                System.out.print(StudyFile.write(spec));
                return 0;
            }
            folder = null;
            dir = out != null ? out : defaultOut(spec);
        }
        try {
            Dataset.Split data;
            try {
                data = Datasets.standard().load(spec.dataset(), dataDir, err::println, Progress.textBar(err));
            } catch (DataException e) {
                err.println("descent study: " + e.getMessage());
                return 2;
            }
            StudyLimits.check(spec, data); // before the folder exists: a study that cannot run leaves nothing behind
            if (folder == null) {
                AtomicFiles.checkWritable(dir.resolve(ResultsFolder.STUDY)); // makes the folder: the dashboard starts before
                server = watch.start(dir, "study", err);                      // anything is written, a port in use leaves nothing
                folder = ResultsFolder.create(dir, spec);
            } else {
                server = watch.start(folder.dir(), "study", err);
            }
            code = run(folder, spec, data, nThreads, err);
        } catch (IOException | RuntimeException | Error e) {
            if (server != null) {
                server.close();
            }
            throw e;
        } finally {
            if (folder != null) {
                folder.close();
            }
        }
        watch.end(server, folder.dir(), "study", err); // after the folder is unlocked: a kept dashboard holds no lock
        return code;
    }

    /** Options that go with {@code --resume}: they change neither the study's settings nor where it writes. */
    private static final Set<String> WITH_RESUME = Set.of("--resume", "--threads", "--data-dir", "--print", "--retrain-stale", "--serve",
            "--keep-serving", "--port", "--host");

    /** The options given on the command line that are not in {@code allowed}, each as typed (name and values). */
    static List<String> optionsOutside(CommandSpec command, Set<String> allowed) {
        List<String> given = new ArrayList<>();
        for (OptionSpec o : command.commandLine().getParseResult().matchedOptions()) {
            if (!allowed.contains(o.longestName())) {
                given.add(o.arity().max() == 0 ? o.longestName() : o.longestName() + " " + String.join(" ", o.originalStringValues()));
            }
        }
        return given;
    }

    /**
     * Refuses, naming them, the options that would set what {@code DIR/study.yaml} already fixes (or where the
     * results go): a resume continues the study as it was started, never silently otherwise.
     */
    private void refuseSettingsWithResume() {
        List<String> given = optionsOutside(command, WITH_RESUME);
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("--resume " + resume + " takes every setting from " + resume.resolve(ResultsFolder.STUDY)
                    + " and writes into " + resume + ", so " + String.join(", ", given) + " cannot apply"
                    + ": to change settings, start a new study (FILE or --preset, with --out NEW_DIR), or edit " + resume.resolve(ResultsFolder.STUDY)
                    + " and resume with --retrain-stale; only --threads, --data-dir and --serve go with --resume");
        }
    }

    /**
     * {@code results/NAME-DATE-TIME}: one folder inside {@code results/}, since a study name is one file-name segment
     * ({@link RunSpec#checkName}); checked again here because a path built from a name must never leave its folder.
     */
    static Path defaultOut(StudySpec spec) {
        Path results = Path.of("results");
        Path dir = results.resolve(RunSpec.checkName("study", spec.name()) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (!results.equals(dir.normalize().getParent())) {
            throw new IllegalStateException("the results folder " + dir + " would not be inside " + results);
        }
        return dir;
    }

    /** Trains what {@code folder} lacks and writes the report; the folder is locked throughout. */
    private int run(ResultsFolder folder, StudySpec spec, Dataset.Split data, int nThreads, PrintStream err) throws IOException {
        StudyRunner runner = new StudyRunner(spec, data, nThreads, new TerminalProgress(err));
        for (String note : runner.reconcile(folder, retrainStale)) {
            err.println(note);
        }
        long runSteps = spec.resolvedSteps(data.train().count());
        err.printf(Locale.ROOT, "study %s: %s on %s, %d configurations x %d seeds, %d steps of %d, %d threads%nresults: %s%n",
                spec.name(), spec.model(), spec.dataset(), spec.runs().size(), spec.seeds().size(), runSteps, spec.batch(),
                nThreads, folder.dir().toAbsolutePath());
        AtomicReference<String> phase = new AtomicReference<>("training");
        Thread hook = new Thread(() -> {
            switch (phase.get()) {
                case "training" -> err.println(System.lineSeparator() + "interrupted: finished runs are saved in " + folder.dir()
                        + "; continue with: ./descent study --resume " + folder.dir());
                case "report" -> err.println(System.lineSeparator() + "interrupted while writing the report: every run is saved in "
                        + folder.dir() + " (metrics.csv is complete), but summary.json, plots/ and report.html may be missing or"
                        + " from before; finish them with: ./descent report " + folder.dir());
                default -> {
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        List<RunResult> results = runner.run(folder);
        phase.set("report");
        Path report = Report.write(folder.dir(), results, spec, nThreads);
        phase.set("done");
        Runtime.getRuntime().removeShutdownHook(hook);
        Report.printTable(System.out, results, spec);
        System.out.println("report: " + report.toAbsolutePath());
        return 0;
    }

    private StudySpec overrides(StudySpec s) {
        if (steps != null && epochs != null) {
            throw new IllegalArgumentException("give --steps or --epochs, not both");
        }
        if (steps != null) {
            s = s.withSteps(Limits.count("--steps", steps, 1, Limits.MAX_STEPS, Limits.STEPS_WHY));
        }
        if (epochs != null) {
            if (!(epochs > 0 && epochs < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("--epochs must be a finite number > 0 (e.g. 3 or 0.5), got " + epochsText());
            }
            if (epochs > Limits.MAX_STEPS) {
                throw new IllegalArgumentException("--epochs must be at most " + Limits.MAX_STEPS + " (every epoch is at least one step; "
                        + Limits.STEPS_WHY + "), got " + epochsText());
            }
            s = s.withEpochs(epochs);
        }
        if (seeds != null) {
            s = s.withSeeds(parseSeeds(seeds));
        }
        if (dataset != null) {
            s = s.withDataset(Datasets.registry().entry(dataset).name());
        }
        if (model != null) {
            s = s.withModel(dev.descent.model.Models.registry().entry(model).name());
        }
        if (batch != null) {
            s = s.withBatch((int) Limits.count("--batch", batch, 1, Integer.MAX_VALUE, "at most the training set"));
        }
        if (evalEvery != null) {
            s = s.withEvalEvery(Limits.count("--eval-every", evalEvery, 1, Limits.MAX_STEPS, "the most steps a run has"));
        }
        return s;
    }

    /** {@code --epochs} as given: {@code -1}, not {@code -1.0}. */
    private String epochsText() {
        return epochs == Math.rint(epochs) && Math.abs(epochs) < 1e15 ? String.valueOf(epochs.longValue()) : String.valueOf(epochs);
    }

    static List<Long> parseSeeds(String text) {
        List<Long> out = new ArrayList<>();
        try {
            if (!text.contains(",")) {
                long n = Long.parseLong(text.trim());
                if (n < 1 || n > Limits.MAX_SEEDS) {
                    throw new NumberFormatException();
                }
                for (long i = 1; i <= n; i++) {
                    out.add(i);
                }
                return out;
            }
            String[] parts = text.split(",", -1);
            if (parts.length > Limits.MAX_SEEDS) {
                throw new IllegalArgumentException("--seeds lists " + parts.length + " seeds; at most " + Limits.MAX_SEEDS);
            }
            for (String part : parts) {
                out.add(Long.parseLong(part.trim()));
            }
            return out;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds must be a count between 1 and " + Limits.MAX_SEEDS
                    + " or a list of whole numbers like 1,2,7, got '" + text + "'");
        }
    }

    /** One progress bar per run, on the terminal. */
    private static final class TerminalProgress implements StudyRunner.Listener {
        private final PrintStream err;
        private ProgressBar bar;

        TerminalProgress(PrintStream err) {
            this.err = err;
        }

        @Override
        public void runStarted(RunSpec run, long seed, long steps, int index, int total) {
            bar = new ProgressBar(err, String.format(Locale.ROOT, "[%d/%d] %-14s seed %d", index, total, run.name(), seed),
                    steps, ProgressBar.consoleAttached());
        }

        @Override
        public void step(RunSpec run, long seed, StepRecord r, double smoothed) {
            bar.update(r.step(), String.format(Locale.ROOT, "loss %.4f", smoothed));
        }

        @Override
        public void runSkipped(RunSpec run, long seed) {
            err.printf(Locale.ROOT, "%s seed %d: already done, kept%n", run.name(), seed);
        }

        @Override
        public void runFinished(RunResult r) {
            if (r.diverged()) {
                err.printf(Locale.ROOT, "%s seed %d: diverged at step %d (%s: %s); the study goes on%n", r.name(), r.seed(), r.divergedAt(),
                        r.divergence() == null ? "loss" : r.divergence().label(), r.rows().get(r.rows().size() - 1).loss());
            }
            err.printf(Locale.ROOT, "%s seed %d: test accuracy %.4f, %.1f s%n", r.name(), r.seed(), r.testAccuracy(), r.trainSeconds());
        }
    }
}
