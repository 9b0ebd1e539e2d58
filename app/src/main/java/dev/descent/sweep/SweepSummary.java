package dev.descent.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.io.AtomicFiles;
import dev.descent.io.Json;
import dev.descent.problem.Problem;
import dev.descent.search.Goal;
import dev.descent.search.Metric;
import dev.descent.search.Selection;
import dev.descent.stats.SampleStats;
import dev.descent.study.RunSpec;
import dev.descent.train.Evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A sweep's results as {@code summary.json} holds them: per problem and optimizer the chosen configuration, its
 * re-runs' statistics over seeds, the untuned common-learning-rate runs, the tuning cost and the learning-rate
 * sensitivity; the performance profile over problems; the problems, search spaces and tuning settings; and the
 * conclusion in sentences. Every number is computed here from {@link SweepResults} ({@link #measure}); the report
 * only words and draws them.
 *
 * <pre>{@code
 * SweepSummary s = SweepSummary.measure(results).withConclusion(text);
 * s.write(dir.resolve("summary.json"));
 * SweepSummary back = SweepSummary.read(dir.resolve("summary.json"));
 * Optional<TrialRecord> chosen = SweepSummary.choose(trialsOfOnePair, Goal.MAXIMIZE);   // what is re-run
 * }</pre>
 *
 * <p>File format: one JSON object whose fields are this record's components in snake_case and in order;
 * {@code format} is {@value #FORMAT}. Non-finite numbers are written as {@code null} (and a time-to-target ratio
 * that is infinite, the target never reached, too). Readers ignore unknown fields, so a later format may add some;
 * a file of a newer format than this build knows is refused.
 *
 * @param format      the file format version
 * @param sweep       the sweep's name
 * @param description the sweep file's description ("" when none)
 * @param conclusion  plain sentences drawn from the numbers below
 * @param settings    how the sweep tuned
 * @param problems    the problems, in the sweep's order
 * @param optimizers  the optimizers with their base configuration and search space, in the sweep's order
 * @param results     one entry per problem and optimizer, problem-major, in the sweep's order
 * @param profile     time-to-target per problem and optimizer and the ratios of the performance profile
 */
public record SweepSummary(int format, String sweep, String description, String conclusion, Settings settings,
                           List<ProblemEntry> problems, List<OptimizerEntry> optimizers, List<Result> results,
                           Profile profile) {
    /** The format this build writes. */
    public static final int FORMAT = 1;

    /** Accuracy tolerance of the sensitivity measure: trials within this of the best validation accuracy count as good. */
    public static final double ACCURACY_TOLERANCE = 0.01;
    /** Loss tolerance of the sensitivity measure: trials within this fraction of the best validation loss count as good. */
    public static final double LOSS_TOLERANCE = 0.10;

    public SweepSummary {
        if (format < 1 || format > FORMAT) {
            throw new IllegalArgumentException("format must be 1.." + FORMAT + " (this build reads up to format " + FORMAT
                    + "; a newer descent wrote this file), got " + format);
        }
        present("sweep, description, conclusion, settings, profile", sweep, description, conclusion, settings, profile);
        problems = List.copyOf(present(problems, "problems"));
        optimizers = List.copyOf(present(optimizers, "optimizers"));
        results = List.copyOf(present(results, "results"));
    }

    // ---------------------------------------------------------------- the choice

    /**
     * <b>The choice rule</b>, the one place it is written: the configuration of one (problem, optimizer) that is
     * re-run over seeds. Among {@code trials} (the records of one problem and one optimizer, every rung), take the
     * last rung that holds a trial with a finite metric — with successive halving the trials that reached the
     * largest budget, without early stopping (one rung) every trial — and pick the best metric there by
     * {@link Selection#best}: a diverged trial (metric NaN) is never chosen, equal metrics go to the smaller learning
     * rate, then to the earlier trial. When every trial at the last rung diverged, the rung before it decides, and so
     * on: the best configuration that trained at the largest budget any did.
     *
     * @param trials the (problem, optimizer)'s trial records, in any order
     * @param goal   which way the tuning metric is better ({@link #rankedBy}'s goal)
     * @return the chosen trial's record at that rung, or empty when every trial diverged at every rung (or there
     *         are none)
     * @throws IllegalArgumentException when the records mix problems or optimizers
     */
    public static Optional<TrialRecord> choose(List<TrialRecord> trials, Goal goal) {
        if (trials.stream().map(t -> t.problem() + "\u0000" + t.optimizer()).distinct().count() > 1) {
            throw new IllegalArgumentException("choose takes the trials of one problem and one optimizer, got "
                    + trials.stream().map(t -> t.problem() + "/" + t.optimizer()).distinct().toList());
        }
        int last = trials.stream().mapToInt(TrialRecord::rung).max().orElse(-1);
        for (int rung = last; rung >= 0; rung--) {
            int r = rung;
            List<TrialRecord> at = trials.stream().filter(t -> t.rung() == r)
                    .sorted(Comparator.comparingInt(TrialRecord::trial)).toList();
            Optional<TrialRecord> best = Selection.best(at, TrialRecord::metric, TrialRecord::lr, goal);
            if (best.isPresent()) {
                return best;
            }
        }
        return Optional.empty();
    }

    /** {@link #choose} for one problem and optimizer of a sweep's results, with the goal of {@link #rankedBy}. */
    public static Optional<TrialRecord> choose(SweepResults results, String problem, String optimizer) {
        Goal goal = rankedBy(results.spec().problem(problem), results.spec().tuning().metric()).goal();
        return choose(trialsOf(results, problem, optimizer), goal);
    }

    /**
     * What a problem's configurations are judged by: the tuning metric's kind, or the loss on a problem without
     * accuracy (the synthetic quadratic).
     */
    public static Metric.Kind rankedBy(Problem problem, Metric metric) {
        return problem.hasAccuracy() ? metric.kind() : Metric.Kind.LOSS;
    }

    private static List<TrialRecord> trialsOf(SweepResults r, String problem, String optimizer) {
        return r.trials().stream().filter(t -> t.problem().equals(problem) && t.optimizer().equals(optimizer)).toList();
    }

    // ---------------------------------------------------------------- measuring

    /**
     * Every number of the summary, from the results; the conclusion is left empty for the report to word
     * ({@link #withConclusion}).
     */
    public static SweepSummary measure(SweepResults r) {
        SweepSpec spec = r.spec();
        List<Result> results = new ArrayList<>();
        for (Problem p : spec.problems()) {
            Metric.Kind kind = rankedBy(p, spec.tuning().metric());
            for (SweepOptimizer o : spec.optimizers()) {
                List<TrialRecord> trials = trialsOf(r, p.name(), o.name());
                Chosen chosen = choose(trials, kind.goal()).map(t -> Chosen.of(t, o)).orElse(null);
                List<RerunRecord> reruns = r.reruns().stream()
                        .filter(x -> x.problem().equals(p.name()) && x.optimizer().equals(o.name())).toList();
                List<RerunRecord> untuned = reruns.stream().filter(RerunRecord::untuned).toList();
                results.add(new Result(p.name(), o.name(), kind.display(), chosen,
                        Runs.of(reruns.stream().filter(x -> !x.untuned()).toList()),
                        spec.tuning().hasCommonLr() || !untuned.isEmpty() ? Runs.of(untuned) : null,
                        Cost.of(trials), Sensitivity.of(trials, kind)));
            }
        }
        return new SweepSummary(FORMAT, spec.name(), spec.description(), "", Settings.of(spec),
                spec.problems().stream().map(ProblemEntry::of).toList(),
                spec.optimizers().stream().map(OptimizerEntry::of).toList(), results, Profile.of(spec, results));
    }

    /** This summary with {@code text} as its conclusion. */
    public SweepSummary withConclusion(String text) {
        return new SweepSummary(format, sweep, description, text, settings, problems, optimizers, results, profile);
    }

    /** The entry of one problem and optimizer, or {@code null}. */
    public Result result(String problem, String optimizer) {
        return results.stream().filter(x -> x.problem().equals(problem) && x.optimizer().equals(optimizer)).findFirst().orElse(null);
    }

    /** The entries of one problem, in the optimizers' order. */
    public List<Result> resultsOf(String problem) {
        return results.stream().filter(x -> x.problem().equals(problem)).toList();
    }

    // ---------------------------------------------------------------- file

    /** Writes this summary to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, Json.pretty(this));
    }

    /**
     * Reads a summary.json written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the file and the field when a field is missing or invalid
     */
    public static SweepSummary read(Path file) throws IOException {
        JsonNode tree = Json.readTree(file);
        if (!tree.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object, found " + tree.getNodeType());
        }
        if (!tree.has("format") || !tree.has("sweep")) {
            throw new IllegalArgumentException(file + ": not a sweep summary (no format or sweep field)");
        }
        return Json.read(file, tree, SweepSummary.class);
    }

    // ---------------------------------------------------------------- parts

    /**
     * How the sweep tuned.
     *
     * @param sampler        the sampler's spec, e.g. {@code grid}, {@code quasi_random(trials=20, seed=0)}
     * @param earlyStopping  {@code successive_halving(eta=3, min_steps=37)}, or {@code none}
     * @param metric         the selection metric on the validation set, e.g. {@code accuracy}, {@code loss(at=best)}
     * @param seeds          the re-runs' seeds; the tuning trials use the first
     * @param commonLr       the untuned comparison's learning rate, NaN (null in the file) when there is none
     * @param divergence     the divergence rule, e.g. {@code 10} (times the initial loss) or {@code off}
     * @param smoothing      EMA weight of the smoothed training-loss curves
     */
    public record Settings(String sampler, String earlyStopping, String metric, List<Long> seeds, double commonLr,
                           String divergence, double smoothing) {
        public Settings {
            present("sampler, early_stopping, metric, divergence", sampler, earlyStopping, metric, divergence);
            seeds = List.copyOf(present(seeds, "seeds"));
        }

        static Settings of(SweepSpec s) {
            Tuning t = s.tuning();
            String es = t.earlyStopping() == null ? "none"
                    : "successive_halving(eta=" + t.earlyStopping().eta() + ", min_steps=" + t.earlyStopping().minSteps() + ")";
            return new Settings(t.sampler().toString(), es, t.metric().toString(), t.seeds(), t.commonLr(),
                    s.divergence().toString(), s.smoothing());
        }
    }

    /** A problem as the sweep ran it. */
    public record ProblemEntry(String name, String description, String dataset, String model, int batch, long steps,
                               long evalEvery, String validation, String targetMetric, double target) {
        public ProblemEntry {
            present("name, description, model, validation, target_metric", name, description, model, validation, targetMetric);
        }

        static ProblemEntry of(Problem p) {
            return new ProblemEntry(p.name(), p.description(), p.dataset(), p.model(), p.batch(), p.steps(), p.evalEvery(),
                    p.validation().toString(), p.targetMetric().display(), p.target());
        }
    }

    /**
     * An optimizer of the sweep: its base configuration and the space searched around it.
     *
     * @param spec     the base optimizer spec, e.g. {@code adam(convention=tensorflow)}
     * @param schedule the base schedule spec, null for a constant rate
     * @param search   the search space's spec form, e.g. {@code space(lr=range(low=1e-05, high=1, scale=log, points=11))}
     */
    public record OptimizerEntry(String name, String optimizer, Map<String, String> params, double lr, String schedule,
                                 String spec, String search) {
        public OptimizerEntry {
            present("name, optimizer, spec, search", name, optimizer, spec, search);
            params = Collections.unmodifiableMap(new LinkedHashMap<>(present(params, "params")));
        }

        static OptimizerEntry of(SweepOptimizer o) {
            RunSpec b = o.base();
            return new OptimizerEntry(o.name(), b.optimizer(), b.params(), b.lr(), b.schedule(), b.optimizerSpec(), o.search().toString());
        }
    }

    /**
     * One problem and optimizer.
     *
     * @param metric      what configurations are ranked by: {@code accuracy} or {@code loss} ({@link #rankedBy})
     * @param chosen      the chosen configuration ({@link #choose}), null when every trial diverged
     * @param tuned       the chosen configuration's re-runs over the seeds
     * @param untuned     the runs at the common learning rate, null when the sweep has none
     * @param cost        what tuning cost
     * @param sensitivity how narrow the good learning rates are
     */
    public record Result(String problem, String optimizer, String metric, Chosen chosen, Runs tuned, Runs untuned,
                         Cost cost, Sensitivity sensitivity) {
        public Result {
            present("problem, optimizer, metric, tuned, cost, sensitivity", problem, optimizer, metric, tuned, cost, sensitivity);
        }

        /** The re-runs' mean of the test metric this result is ranked by, NaN when there is none. */
        public double testMean() {
            return testStats(tuned).mean();
        }

        /** The test statistics of {@code runs} of the ranked metric. */
        public SampleStats testStats(Runs runs) {
            return metric.equals(Metric.Kind.ACCURACY.display()) ? runs.testAccuracy() : runs.testLoss();
        }

        /** The validation statistics of {@code runs} of the ranked metric. */
        public SampleStats validationStats(Runs runs) {
            return metric.equals(Metric.Kind.ACCURACY.display()) ? runs.validationAccuracy() : runs.validationLoss();
        }

        public Goal goal() {
            return metric.equals(Metric.Kind.ACCURACY.display()) ? Goal.MAXIMIZE : Goal.MINIMIZE;
        }
    }

    /**
     * The chosen configuration.
     *
     * @param trial    the trial index within its (problem, optimizer)
     * @param rung     the rung it was chosen at (the last with a finite metric)
     * @param steps    that rung's budget
     * @param point    the trial point, e.g. {@code point(lr=0.01, momentum=0.9)}
     * @param lr       the learning rate of the run the point makes
     * @param spec     the optimizer spec of that run, e.g. {@code momentum(momentum=0.9)}
     * @param schedule its schedule spec, null for a constant rate
     * @param metric   its tuning metric at that rung
     */
    public record Chosen(int trial, int rung, long steps, String point, double lr, String spec, String schedule, double metric) {
        public Chosen {
            present("point, spec", point, spec);
        }

        static Chosen of(TrialRecord t, SweepOptimizer o) {
            RunSpec run = o.at(t.point());
            return new Chosen(t.trial(), t.rung(), t.steps(), t.point().toString(), run.lr(), run.optimizerSpec(), run.schedule(), t.metric());
        }
    }

    /**
     * Statistics over the seeds of one configuration's full-budget runs, each a {@link SampleStats} of the finite
     * values (mean, sample std, min, max, n).
     *
     * @param seeds           how many runs
     * @param diverged        how many of them diverged
     * @param reached         how many reached the problem's target
     * @param stepsToTarget   steps to the target over the runs that reached it
     * @param secondsToTarget training seconds to the target over the runs that reached it
     */
    public record Runs(int seeds, int diverged, SampleStats validationAccuracy, SampleStats validationLoss,
                       SampleStats testAccuracy, SampleStats testLoss, int reached, SampleStats stepsToTarget,
                       SampleStats secondsToTarget) {
        public Runs {
            present("validation_accuracy, validation_loss, test_accuracy, test_loss, steps_to_target, seconds_to_target",
                    validationAccuracy, validationLoss, testAccuracy, testLoss, stepsToTarget, secondsToTarget);
            if (seeds < 0 || diverged < 0 || diverged > seeds || reached < 0 || reached > seeds) {
                throw new IllegalArgumentException("need 0 <= diverged, reached <= seeds, got seeds=" + seeds + ", diverged="
                        + diverged + ", reached=" + reached);
            }
        }

        /** The statistics of {@code runs} (one configuration, one run per seed). */
        public static Runs of(List<RerunRecord> runs) {
            List<RerunRecord> hit = runs.stream().filter(x -> x.stepsToTarget() >= 0).toList();
            return new Runs(runs.size(), (int) runs.stream().filter(RerunRecord::diverged).count(),
                    over(runs, x -> value(x.validation(), true)), over(runs, x -> value(x.validation(), false)),
                    over(runs, x -> value(x.test(), true)), over(runs, x -> value(x.test(), false)),
                    hit.size(), over(hit, x -> x.stepsToTarget()), over(hit, RerunRecord::secondsToTarget));
        }

        private static double value(Evaluation e, boolean accuracy) {
            return e == null ? Double.NaN : accuracy ? e.accuracy() : e.loss();
        }

        private static SampleStats over(List<RerunRecord> runs, ToDoubleFunction<RerunRecord> f) {
            return SampleStats.of(runs.stream().mapToDouble(f).toArray());
        }
    }

    /**
     * What tuning one (problem, optimizer) cost.
     *
     * @param trials     trial points
     * @param rungs      rungs run (1 without early stopping)
     * @param evaluated  trial-rung records
     * @param steps      training steps: each trial's steps at its largest budget (a promoted trial continues from its
     *                   checkpoint, so its rungs' steps are not run twice)
     * @param cpuSeconds CPU seconds over every trial and rung
     * @param diverged   trials that diverged (at any rung)
     */
    public record Cost(int trials, int rungs, int evaluated, long steps, double cpuSeconds, double wallSeconds, int diverged) {
        static Cost of(List<TrialRecord> trials) {
            Map<Integer, TrialRecord> last = lastRecords(trials);
            return new Cost(last.size(), (int) trials.stream().mapToInt(TrialRecord::rung).distinct().count(), trials.size(),
                    last.values().stream().mapToLong(TrialRecord::steps).sum(),
                    trials.stream().mapToDouble(TrialRecord::cpuSeconds).sum(),
                    trials.stream().mapToDouble(TrialRecord::wallSeconds).sum(),
                    (int) last.values().stream().filter(TrialRecord::diverged).count());
        }
    }

    /** Each trial's record at its largest budget (its last rung), by trial index in order. */
    public static Map<Integer, TrialRecord> lastRecords(List<TrialRecord> trials) {
        Map<Integer, TrialRecord> last = new TreeMap<>();
        for (TrialRecord t : trials) {
            last.merge(t.trial(), t, (a, b) -> b.rung() > a.rung() ? b : a);
        }
        return last;
    }

    /**
     * How sensitive an optimizer is to its learning rate on a problem, measured on the first rung, where every trial
     * ran the same budget (without early stopping: the full budget). A trial is <em>good</em> when its tuning metric
     * is within {@value #ACCURACY_TOLERANCE} of the best accuracy, or within {@value #LOSS_TOLERANCE} of the best
     * loss (relative: {@code ≤ best + 0.1·|best|}). {@code decades} is the width of the good trials' learning rates,
     * {@code log10(lrHigh / lrLow)}: the narrower, the more sensitive (0 when one learning rate is good).
     *
     * @param steps     the budget the trials are compared at
     * @param trials    trials on that rung
     * @param diverged  of them, how many diverged
     * @param best      the best metric there, NaN when every trial diverged
     * @param threshold the worst metric that still counts as good
     * @param good      how many trials are good
     * @param lrLow     the smallest good learning rate, NaN when none (or the space does not search lr)
     * @param lrHigh    the largest good learning rate
     * @param decades   {@code log10(lrHigh / lrLow)}, NaN when there are no good learning rates
     */
    public record Sensitivity(long steps, int trials, int diverged, double best, double threshold, int good,
                              double lrLow, double lrHigh, double decades) {
        static Sensitivity of(List<TrialRecord> all, Metric.Kind kind) {
            List<TrialRecord> first = all.stream().filter(t -> t.rung() == 0).sorted(Comparator.comparingInt(TrialRecord::trial)).toList();
            long steps = first.stream().filter(t -> !t.diverged()).mapToLong(TrialRecord::steps).max()
                    .orElse(first.stream().mapToLong(TrialRecord::steps).max().orElse(0));
            int diverged = (int) first.stream().filter(t -> !Double.isFinite(t.metric())).count();
            Goal goal = kind.goal();
            double best = Selection.best(first, TrialRecord::metric, TrialRecord::lr, goal).map(TrialRecord::metric).orElse(Double.NaN);
            double threshold = kind == Metric.Kind.ACCURACY ? best - ACCURACY_TOLERANCE : best + LOSS_TOLERANCE * Math.abs(best);
            List<TrialRecord> good = first.stream().filter(t -> Double.isFinite(t.metric()) && goal.compare(t.metric(), threshold) <= 0).toList();
            double lo = good.stream().mapToDouble(TrialRecord::lr).filter(Double::isFinite).min().orElse(Double.NaN);
            double hi = good.stream().mapToDouble(TrialRecord::lr).filter(Double::isFinite).max().orElse(Double.NaN);
            return new Sensitivity(steps, first.size(), diverged, best, threshold, good.size(), lo, hi, Math.log10(hi / lo));
        }
    }

    /**
     * The performance profile (Dolan &amp; Moré 2002, as AlgoPerf uses it; Dahl et al. 2023). Each optimizer's time
     * on a problem is its re-runs' mean steps to the target over the seeds that reached it, counted only when more
     * than half of the seeds reached it (the median time is then finite), else never. The ratio is that time over
     * the fastest optimizer's on the problem; {@code ρ(τ)} is the fraction of problems whose ratio is at most
     * {@code τ}. Steps, not seconds: they are the same on any machine.
     *
     * @param problems the problems, in the sweep's order
     * @param rows     one row per optimizer, in the sweep's order
     */
    public record Profile(List<String> problems, List<ProfileRow> rows) {
        public Profile {
            problems = List.copyOf(present(problems, "problems"));
            rows = List.copyOf(present(rows, "rows"));
        }

        static Profile of(SweepSpec spec, List<Result> results) {
            List<String> problems = spec.problems().stream().map(Problem::name).toList();
            Map<String, Double> fastest = new LinkedHashMap<>();
            for (Result r : results) {
                Double t = timeToTarget(r.tuned());
                if (t != null) {
                    fastest.merge(r.problem(), t, Math::min);
                }
            }
            List<ProfileRow> rows = new ArrayList<>();
            for (SweepOptimizer o : spec.optimizers()) {
                List<Double> steps = new ArrayList<>(), ratios = new ArrayList<>();
                for (String p : problems) {
                    Result r = results.stream().filter(x -> x.problem().equals(p) && x.optimizer().equals(o.name())).findFirst().orElseThrow();
                    Double t = timeToTarget(r.tuned());
                    steps.add(t);
                    ratios.add(t == null ? null : t / fastest.get(p));
                }
                rows.add(new ProfileRow(o.name(), steps, ratios));
            }
            return new Profile(problems, rows);
        }

        /** The mean steps to the target when more than half of the seeds reached it, else null (never). */
        public static Double timeToTarget(Runs runs) {
            return 2 * runs.reached() > runs.seeds() && runs.stepsToTarget().n() > 0 ? runs.stepsToTarget().mean() : null;
        }

        /** {@code ρ(τ)} of {@code optimizer}: the fraction of problems whose ratio is at most {@code tau}. */
        public double fraction(String optimizer, double tau) {
            ProfileRow row = rows.stream().filter(r -> r.optimizer().equals(optimizer)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no optimizer '" + optimizer + "' in the profile"));
            return problems.isEmpty() ? 0 : (double) row.ratios().stream().filter(x -> x != null && x <= tau).count() / problems.size();
        }
    }

    /**
     * One optimizer's times and ratios, one per problem; {@code null} where it did not reach the target (ratio ∞).
     */
    public record ProfileRow(String optimizer, List<Double> steps, List<Double> ratios) {
        public ProfileRow {
            present("optimizer, steps, ratios", optimizer, steps, ratios);
            steps = Collections.unmodifiableList(new ArrayList<>(steps));   // nulls allowed: never reached
            ratios = Collections.unmodifiableList(new ArrayList<>(ratios));
        }
    }

    // ---------------------------------------------------------------- checks

    private static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing (null)");
        }
        return value;
    }

    private static void present(String fields, Object... values) {
        String[] names = fields.split(",\\s*");
        for (int i = 0; i < values.length; i++) {
            present(values[i], names[i]);
        }
    }
}
