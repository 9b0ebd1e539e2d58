package dev.descent.study;

import dev.descent.data.Dataset;
import dev.descent.kernel.Backend;
import dev.descent.layer.Shape;
import dev.descent.model.Models;
import dev.descent.model.Network;
import dev.descent.optim.Optimizer;
import dev.descent.schedule.Schedule;
import dev.descent.stats.Ema;
import dev.descent.train.Optimization;
import dev.descent.train.Evaluation;
import dev.descent.train.StepRecord;
import dev.descent.train.TrainConfig;
import dev.descent.train.TrainListener;
import dev.descent.train.TrainResult;
import dev.descent.train.Trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a study: for each seed, initializes the model once and trains every configuration from those
 * weights on the same minibatches and dropout masks; writes each run's results as soon as it finishes.
 * Runs already in the results folder are skipped, so a killed study resumes where it stopped — but only runs saved
 * with the fingerprint the study gives them now ({@link RunFingerprint}): a folder whose runs were trained otherwise
 * is refused, or set aside and retrained on request ({@link #reconcile}).
 *
 * <pre>{@code
 * ResultsFolder out = ResultsFolder.create(dir, spec);
 * new StudyRunner(spec, data, 2, listener).run(out);
 * }</pre>
 */
public final class StudyRunner {

    /** Progress of the runner, for the terminal (or a dashboard). */
    public interface Listener {
        default void runStarted(RunSpec run, long seed, long steps, int index, int total) {
        }

        default void step(RunSpec run, long seed, StepRecord record, double smoothedLoss) {
        }

        default void runSkipped(RunSpec run, long seed) {
        }

        default void runFinished(RunResult result) {
        }
    }

    private final StudySpec spec;
    private final Dataset.Split data;
    private final int threads;
    private final Listener listener;
    private Map<ResultsFolder.RunId, RunFingerprint> fingerprints;

    public StudyRunner(StudySpec spec, Dataset.Split data, int threads, Listener listener) {
        this.spec = spec;
        this.data = data;
        this.threads = threads;
        this.listener = listener;
    }

    /**
     * The fingerprint of every run of the study, in its order (seed-major): what a finished run must have been saved
     * with to be kept. Computed once (it reads the whole dataset).
     */
    public Map<ResultsFolder.RunId, RunFingerprint> fingerprints() {
        if (fingerprints == null) {
            Dataset train = data.train();
            long steps = spec.resolvedSteps(train.count());
            long perEpoch = spec.stepsPerEpoch(train.count());
            RunFingerprint.Data d = RunFingerprint.Data.of(spec.dataset(), data);
            Map<ResultsFolder.RunId, RunFingerprint> m = new LinkedHashMap<>();
            for (long seed : spec.seeds()) {
                for (RunSpec run : spec.runs()) {
                    m.put(new ResultsFolder.RunId(run.name(), seed), RunFingerprint.of(run.optimization(), perEpoch, spec.model(), d, trainConfig(steps, seed)));
                }
            }
            fingerprints = Collections.unmodifiableMap(m);
        }
        return fingerprints;
    }

    /**
     * Checks the finished runs in {@code out} against {@link #fingerprints()}: refuses runs that cannot be reused,
     * or with {@code retrainStale} sets them aside to be trained again ({@link ResultsFolder#reconcile}).
     *
     * @return what was set aside, one line each
     */
    public List<String> reconcile(ResultsFolder out, boolean retrainStale) throws IOException {
        return out.reconcile(fingerprints(), retrainStale);
    }

    /**
     * Trains every run missing from {@code out}; returns all results, in spec order (seed-major).
     *
     * @throws IllegalArgumentException if {@code out} holds a finished run that cannot be reused ({@link #reconcile})
     */
    public List<RunResult> run(ResultsFolder out) throws IOException {
        reconcile(out, false);
        Dataset train = data.train();
        long steps = spec.resolvedSteps(train.count());
        long perEpoch = spec.stepsPerEpoch(train.count());
        int total = spec.seeds().size() * spec.runs().size(), index = 0;
        try (Backend backend = Backend.fast(threads)) {
            Network net = Models.create(spec.model(), new Shape(train.height(), train.width(), train.channels()),
                    train.classes(), spec.batch(), backend);
            for (long seed : spec.seeds()) {
                float[] initial = null;
                for (RunSpec run : spec.runs()) {
                    index++;
                    if (out.has(run.name(), seed)) {
                        listener.runSkipped(run, seed);
                        continue;
                    }
                    if (initial == null) {
                        net.initialize(seed);
                        initial = net.parameters().snapshot();
                    } else {
                        net.parameters().restore(initial);
                    }
                    listener.runStarted(run, seed, steps, index, total);
                    ResultsFolder.RunId id = new ResultsFolder.RunId(run.name(), seed);
                    RunResult result;
                    try (LiveCsv live = LiveCsv.start(out.dir(), id.stem(), RunResult.CSV_HEADER, (b, step, loss, lr, norm, s, tl, ta)
                            -> MetricsCsv.appendRow(b, run.name(), seed, step, loss, lr, norm, s, tl, ta), LiveCsv.Columns.TEST, List.of())) {
                        result = trainOne(net, run, seed, steps, perEpoch, live);
                        out.save(result, fingerprints().get(id));   // the finished file first, then the live one goes
                    }
                    listener.runFinished(result);
                }
            }
        }
        return out.results();
    }

    /** The training loop's settings of a run: the one place they are made, for training and for the fingerprint. */
    private TrainConfig trainConfig(long steps, long seed) {
        return new TrainConfig(steps, spec.batch(), seed, spec.evalEvery(), spec.batch(), spec.evalExamples(), spec.divergence());
    }

    private RunResult trainOne(Network net, RunSpec run, long seed, long steps, long perEpoch, LiveCsv live) {
        Optimization optimization = run.optimization();
        Optimizer optimizer = optimization.newOptimizer();
        Schedule schedule = optimization.newSchedule(perEpoch);
        List<RunResult.Row> rows = new ArrayList<>((int) steps);
        Ema smoothed = Ema.normalized(spec.smoothing());
        TrainListener recorder = new TrainListener() {
            @Override
            public void onStep(StepRecord r) {
                rows.add(new RunResult.Row(r.step(), r.loss(), r.learningRate(), r.gradNorm(), r.seconds(), Double.NaN, Double.NaN));
                live.onStep(r);
                listener.step(run, seed, r, smoothed.add(r.skipped() ? Double.NaN : r.loss()));   // NaN: no update
            }

            @Override
            public void onEvaluation(Evaluation e) {
                live.onEvaluation(e);
                if (e.step() >= 1 && e.step() <= rows.size()) {
                    RunResult.Row row = rows.get((int) e.step() - 1);
                    rows.set((int) e.step() - 1, new RunResult.Row(row.step(), row.loss(), row.lr(), row.gradNorm(), row.seconds(), e.loss(), e.accuracy()));
                }
            }
        };
        TrainResult r = Trainer.train(net, data, optimizer, schedule, trainConfig(steps, seed), recorder);
        Set<Long> skipped = new LinkedHashSet<>();
        for (long step : r.skippedSteps()) {
            skipped.add(step);
        }
        return new RunResult(run.name(), seed, rows, r.evaluation().accuracy(), r.evaluation().loss(), r.diverged(), r.divergedAt(), r.trainSeconds(),
                r.diverged() ? r.divergence().cause() : null, skipped);
    }
}
