package dev.descent.sweep;

import dev.descent.data.Validation;
import dev.descent.io.TextFiles;
import dev.descent.problem.Problem;
import dev.descent.problem.Problems;
import dev.descent.search.Dimension;
import dev.descent.search.Metric;
import dev.descent.search.Sampler;
import dev.descent.search.SearchSpace;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;
import dev.descent.study.RunSpec;
import dev.descent.study.StudyFile;
import dev.descent.study.YamlFields;
import dev.descent.train.Divergence;
import dev.descent.train.Limits;
import dev.descent.train.Optimization;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sweep files: YAML in, {@link SweepSpec} out, and back. A sweep file extends a study file: instead of one dataset
 * and model it names problems, and each optimizer carries the space its hyperparameters are tuned over. Presets are
 * sweep files shipped in the jar ({@link #PRESETS}).
 *
 * <pre>
 * name: fair-quick
 * description: "..."
 * problems: [mnist-mlp]            # registry specs, at least one: mnist-logreg(steps=60), "mnist-cnn(steps=300, batch=100)"
 * validation: tf1                  # optional: none | tf1 | N, replaces every dataset problem's rule
 * divergence_factor: 10            # optional, as in study files (off: only NaN/inf)
 * smoothing: 0.9                   # optional, as in study files
 * tuning:                          # optional as a whole; every key has a default
 *   method: grid                   # grid (default) | random | quasi_random
 *   trials: 20                     # points per optimizer: required by random and quasi_random, refused by grid
 *   seed: 0                        # the sampling seed of random and quasi_random (default 0); refused by grid
 *   early_stopping: none           # none (default) | successive_halving | successive_halving(eta=3, min_steps=37)
 *   eta: 3                         # successive halving's reduction factor, >= 2 (default 3)
 *   min_steps: 37                  # its smallest rung in steps (default below)
 *   metric: accuracy               # accuracy (default) | loss | accuracy(at=best) | loss(at=best), on the validation set
 *   seeds: 3                       # the chosen configurations' re-runs: a count (1, 2, 3) or a list [1, 7, 9]; default [1]
 *   common_lr: 0.001               # optional: also run every optimizer untuned at this one rate (the article's way)
 * search:                          # optional: the search of every optimizer that has none of its own
 *   lr: {low: 1e-5, high: 1, scale: log, points: 11}
 * optimizers:                      # as in study files (name, optimizer, params, lr, schedule), plus search
 *   - name: momentum
 *     optimizer: momentum
 *     params: {momentum: 0.9, convention: tensorflow}
 *     schedule: "exponential(rate=0.5, decay_steps=100)"
 *     search:
 *       lr: {low: 1e-4, high: 1, scale: log, points: 9}   # a range; points is what the grid takes
 *       rate: [0.5, 0.9]                                  # a list: these values
 * </pre>
 *
 * <p>In a flow list ({@code [...]}) a problem spec with more than one key must be quoted, as YAML splits it at its
 * commas; a block list ({@code - mnist-cnn(steps=300, batch=100)}) needs no quotes.
 *
 * <p><b>Search.</b> A search key is {@code lr}, a hyperparameter of the optimizer, or a key of its schedule; a
 * trial sets those keys and keeps the entry's other values ({@link SweepOptimizer#at}). A range is
 * {@code {low, high, scale, points}} ({@code scale} log or linear, default linear) and a list is a choice
 * ({@link Dimension}); the spec form {@code "range(low=1e-5, high=1, scale=log)"} is read too. {@code lr} is
 * searched first whatever its place in the file. The grid needs {@code points} on every range; the sampled methods
 * ignore it. Searching {@code lr} with a schedule that sets its own rate ({@code lr=} in the schedule, or one
 * without a rate such as {@code piecewise_constant}) is refused: the search would not change the runs.
 *
 * <p><b>Early stopping.</b> Successive halving ({@link dev.descent.search.SuccessiveHalving}) with {@code eta} and
 * {@code min_steps}; when {@code min_steps} is not given it is the smallest problem budget divided by
 * {@code eta³}, rounded down and at least 1 (37 for a 1000-step budget and η = 3: rungs of 111, 333 and 1000 steps).
 *
 * <p><b>Checked when the file is read</b>, each error naming the file, the key and what is allowed: unknown keys
 * at every level; unknown problems and problem keys (the registry's message); search keys the optimizer cannot
 * take; empty lists, ranges with {@code low >= high}, log ranges with {@code low <= 0}, words for numbers; a range
 * without points under the grid; {@code trials} with the grid or missing from a sampled method; {@code min_steps}
 * above the smallest problem budget; {@code metric: accuracy} with a problem that has only a loss
 * ({@code quadratic-deep}); an optimizer with no search; seeds that are not a count >= 1 or a list of distinct
 * whole numbers; more than {@link #MAX_TRIALS} tuning trials. Every point the sweep will run (the whole grid, or
 * the sampled points) is applied to its optimizer and built, optimizer and schedule, so that a bad value fails
 * here and not hours into the sweep.
 *
 * <pre>{@code
 * SweepSpec s = SweepFile.read(Path.of("my-sweep.yaml"));
 * SweepSpec fair = SweepFile.preset("fair");
 * SweepFile.read(file written with SweepFile.write(s)).equals(s);   // true
 * }</pre>
 */
public final class SweepFile {
    /** The shipped presets, in the order {@code descent presets} lists them. */
    public static final List<String> PRESETS = List.of("fair-quick", "fair", "deepobs-fmnist", "frontier");
    /**
     * The most tuning trials a sweep may plan (problems × points of every optimizer): each is at least one training
     * run; a hundred thousand is days of the smallest problem, more is a typo in a grid.
     */
    public static final long MAX_TRIALS = 100_000;
    /** Successive halving's reduction factor when the file gives none (Jamieson &amp; Talwalkar 2016; Li et al. 2018). */
    public static final int DEFAULT_ETA = 3;

    private static final Set<String> TOP_KEYS = Set.of("name", "description", "problems", "validation", "divergence_factor",
            "smoothing", "tuning", "search", "optimizers");
    private static final Set<String> TUNING_KEYS = Set.of("method", "trials", "seed", "early_stopping", "eta", "min_steps",
            "metric", "seeds", "common_lr");
    private static final Set<String> HALVING_KEYS = Set.of("eta", "min_steps");
    private static final Set<String> OPTIMIZER_KEYS = union(StudyFile.RUN_KEYS, Set.of("search"));
    private static final List<String> METHODS = List.of("grid", "random", "quasi_random");
    private static final String NONE = "none", HALVING = "successive_halving";
    /** Steps per epoch when a schedule is built to check it: any count will do, the schedule's values are what is checked. */
    private static final long CHECK_STEPS_PER_EPOCH = 100;

    private SweepFile() {
    }

    /** Reads and validates a sweep file; every error names the file, the key and what is allowed. */
    public static SweepSpec read(Path file) throws IOException {
        return parse(new StringReader(TextFiles.read(file, "sweep file", TextFiles.MAX_BYTES)), file.toString());
    }

    /** Reads and validates a sweep file's text ({@link #write}'s, say, shipped to another machine); errors name {@code source}. */
    public static SweepSpec parse(String text, String source) {
        return parse(new StringReader(text), source);
    }

    /** A shipped preset. */
    public static SweepSpec preset(String name) {
        return parse(new StringReader(presetText(name)), "preset " + name);
    }

    /** The preset's YAML text, as shipped (with its comments). */
    public static String presetText(String name) {
        return YamlFields.presetText(SweepFile.class, name, PRESETS);
    }

    static SweepSpec parse(Reader reader, String source) {
        YamlFields f = new YamlFields(source, "", YamlFields.load(reader, source, "sweep keys", TOP_KEYS), TOP_KEYS);
        String name = f.string("name", "sweep");
        List<Problem> problems = problems(f);
        Divergence divergence = f.divergence("divergence_factor");
        double smoothing = f.has("smoothing") ? f.doubleIn("smoothing", 0, 1) : StudyFile.SMOOTHING;
        Map<String, Object> defaultSearch = searchMap(f, f.raw("search"), "search");
        List<SweepOptimizer> optimizers = new ArrayList<>();
        List<Where> where = new ArrayList<>();
        int i = 0;
        for (YamlFields r : f.list("optimizers", OPTIMIZER_KEYS, "{name, optimizer, params, lr, schedule, search}")) {
            RunSpec base = StudyFile.run(r);
            Map<String, Object> own = searchMap(r, r.raw("search"), "search");
            if (own == null && defaultSearch == null) {
                throw r.error("search is missing: give the optimizer a search (e.g. search: {lr: {low: 1e-5, high: 1, scale: log, points: 11}})"
                        + " or give the file a top-level search for every optimizer without one");
            }
            Where at = own != null ? new Where(source, r.prefix() + "search", "")
                    : new Where(source, "search", " (the search of optimizers[" + i + "] " + base.name() + ", which has none of its own)");
            optimizers.add(new SweepOptimizer(base, space(at, base, own != null ? own : defaultSearch)));
            where.add(at);
            i++;
        }
        if (defaultSearch != null && where.stream().noneMatch(w -> w.path().equals("search"))) {
            throw f.error("search is not used: every optimizer has a search of its own; remove it, or an optimizer's own search");
        }
        YamlFields t = f.mapping("tuning", TUNING_KEYS);
        Tuning tuning = tuning(t != null ? t : new YamlFields(source, "tuning.", Map.of(), TUNING_KEYS), problems);
        checkPlan(source, problems, optimizers, where, tuning.sampler());
        try {
            return new SweepSpec(name, f.string("description", ""), problems, optimizers, tuning, divergence, smoothing);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    /** {@code problems:} (a list of registry specs, or one spec), with the top-level {@code validation:} applied. */
    private static List<Problem> problems(YamlFields f) {
        Object raw = f.raw("problems");
        List<?> items = raw instanceof List<?> l ? l : raw instanceof String s ? List.of(s) : null;
        if (items == null || items.isEmpty()) {
            throw f.error("problems must be a non-empty list of problems, such as [mnist-mlp] or [\"mnist-logreg(steps=60)\"]; known: "
                    + String.join(", ", Problems.names()) + " (descent problems lists them)");
        }
        Validation validation = null;
        if (f.has("validation")) {
            try {
                validation = Validation.parse(f.string("validation", null));
            } catch (IllegalArgumentException e) {
                throw f.error("validation: " + e.getMessage());
            }
        }
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String text)) {
                throw f.bad("problems[" + i + "]", items.get(i), "a problem spec such as mnist-cnn or \"mnist-logreg(steps=60)\"");
            }
            Problem p;
            try {
                p = Problems.parse(text);
            } catch (IllegalArgumentException e) {
                throw f.error("problems[" + i + "]: " + e.getMessage());
            }
            if (validation != null && !p.synthetic()) {   // the quadratic draws its own samples: there is nothing to hold out
                if (Spec.parse(text, "problem").has("validation") && !p.validation().equals(validation)) {
                    throw f.error("problems[" + i + "] sets validation=" + p.validation() + " and the top-level validation is "
                            + validation + "; give it in one place");
                }
                p = new Problem(p.name(), p.description(), p.dataset(), p.model(), p.batch(), p.steps(), p.evalEvery(), validation,
                        p.targetMetric(), p.target());
            }
            out.add(p);
        }
        return out;
    }

    /** The search mapping at {@code key}, or {@code null} when absent. */
    private static Map<String, Object> searchMap(YamlFields f, Object raw, String key) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> m) || m.isEmpty()) {
            throw f.bad(key, raw, "a mapping of hyperparameters to a range or a list, such as "
                    + "{lr: {low: 1e-5, high: 1, scale: log, points: 11}, momentum: [0.9, 0.99]}");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /**
     * Where a search is in the file, for its errors: {@code FILE: optimizers[2].search.lr: ...}, or the top-level
     * search with the optimizer it was applied to.
     */
    private record Where(String source, String path, String note) {
        IllegalArgumentException error(String key, String message) {
            return new IllegalArgumentException(source + ": " + path + (key == null ? "" : "." + key) + ": " + message + note);
        }
    }

    /** The search space of {@code base}: every key one it accepts, {@code lr} first, every dimension valid. */
    private static SearchSpace space(Where at, RunSpec base, Map<String, Object> search) {
        List<Dimension> dims = new ArrayList<>();
        for (Map.Entry<String, Object> e : search.entrySet()) {
            String key = e.getKey();
            if (!SweepPoints.accepts(base, key)) {
                throw at.error(null, SweepPoints.refusal(base, key));
            }
            Dimension d;
            try {
                d = Dimension.of(key, value(e.getValue()));
            } catch (IllegalArgumentException ex) {
                String m = ex.getMessage();   // the dimension's messages start with its name
                throw at.error(key, m.startsWith(key + ": ") ? m.substring(key.length() + 2) : m);
            }
            dims.add(key.equals("lr") ? 0 : dims.size(), d);
        }
        SearchSpace space = new SearchSpace(dims);
        if (space.names().contains("lr") && !lrMatters(base)) {
            throw at.error("lr", base.name() + "'s rate is set elsewhere, so searching it would not change the runs: by lr in its"
                    + " params, by lr= or max_lr= in its schedule " + base.schedule() + ", or by a schedule without a rate;"
                    + " take the rate out, or search the schedule's keys instead");
        }
        return space;
    }

    /** Whether the base rate reaches the run: two different rates give two different schedules. */
    private static boolean lrMatters(RunSpec base) {
        Optimization a = SweepPoints.apply(base, Spec.of("point", Map.of("lr", 1.0))).optimization();
        Optimization b = SweepPoints.apply(base, Spec.of("point", Map.of("lr", 2.0))).optimization();
        return !a.schedule().equals(b.schedule());
    }

    /** A YAML value as a spec value: a list as a list, a mapping as {@code range(...)}, a string as the spec parser reads it. */
    private static Value value(Object yaml) {
        return switch (yaml) {
            case null -> throw new IllegalArgumentException("a value is missing");
            case List<?> l -> new Value.Lst(l.stream().map(SweepFile::value).toList());
            case Map<?, ?> m -> {
                Map<String, Object> values = new LinkedHashMap<>();
                m.forEach((k, v) -> values.put(String.valueOf(k), value(v)));
                yield Spec.of("range", values);
            }
            case String s -> Value.parse(s);
            case Double d -> Value.compact(d);
            case BigInteger b -> Value.of(b.doubleValue());
            case Number n -> Value.of(n.longValue());
            case Boolean b -> new Value.Bool(b);
            default -> throw new IllegalArgumentException("'" + yaml + "' is not a number, a word or a list");
        };
    }

    /** {@code tuning:}; every key optional. */
    private static Tuning tuning(YamlFields t, List<Problem> problems) {
        String method = t.oneOf("method", "grid", METHODS);
        Map<String, Object> sampler = new LinkedHashMap<>();
        if (method.equals("grid")) {
            for (String key : List.of("trials", "seed")) {
                if (t.has(key)) {
                    throw t.error(key + " is only for method random or quasi_random; grid runs every point of the grid once");
                }
            }
        } else {
            if (!t.has("trials")) {
                throw t.error("trials is required with method " + method + ": how many points to sample per optimizer and problem, e.g. trials: 20");
            }
            sampler.put("trials", t.count("trials", 0, 1, 1_000_000, "sampled points per optimizer and problem"));
            sampler.put("seed", t.count("seed", 0, 0, 1L << 53, "the seed of the sampled points"));
        }
        Tuning.EarlyStopping halving = earlyStopping(t, problems);
        Metric metric;
        try {
            metric = Metric.parse(t.string("metric", "accuracy"));
        } catch (IllegalArgumentException e) {
            throw t.error("metric: " + e.getMessage());
        }
        for (Problem p : problems) {
            if (metric.kind() == Metric.Kind.ACCURACY && !p.hasAccuracy()) {
                throw t.bad("metric", metric, "loss or loss(at=best): problem " + p.name() + " has no accuracy, only a validation loss");
            }
        }
        double commonLr = t.has("common_lr") ? t.positiveDouble("common_lr") : Double.NaN;
        try {
            return new Tuning(Sampler.SAMPLERS.create(Spec.of(method, sampler)), halving, metric, t.seeds("seeds"), commonLr);
        } catch (IllegalArgumentException e) {
            throw t.error(e.getMessage());
        }
    }

    /** {@code early_stopping} with {@code eta} and {@code min_steps}, as keys of {@code tuning:} or of the spec; null for none. */
    private static Tuning.EarlyStopping earlyStopping(YamlFields t, List<Problem> problems) {
        Spec spec;
        try {
            spec = Spec.parse(t.string("early_stopping", NONE), "early_stopping");
        } catch (IllegalArgumentException e) {
            throw t.error("early_stopping: " + e.getMessage());
        }
        if (!List.of(NONE, HALVING).contains(spec.name()) || (spec.name().equals(NONE) && !spec.values().isEmpty())) {
            throw t.bad("early_stopping", spec, "none, successive_halving or successive_halving(eta=3, min_steps=37)");
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String k : HALVING_KEYS) {
            if (t.has(k)) {
                keys.put(k, t.raw(k));
            }
        }
        for (Map.Entry<String, Value> e : spec.values().entrySet()) {
            if (keys.put(e.getKey(), e.getValue().toString()) != null) {
                throw t.error(e.getKey() + " is given twice, in early_stopping and as tuning." + e.getKey() + "; give it once");
            }
        }
        YamlFields sh = new YamlFields(t.source(), t.prefix(), keys, HALVING_KEYS);
        if (spec.name().equals(NONE)) {
            if (!keys.isEmpty()) {
                throw t.error(String.join(" and ", keys.keySet()) + (keys.size() == 1 ? " is" : " are")
                        + " only for early_stopping: successive_halving; early_stopping is none");
            }
            return null;
        }
        Problem smallest = problems.stream().min((a, b) -> Long.compare(a.steps(), b.steps())).orElseThrow();
        int eta = (int) sh.count("eta", DEFAULT_ETA, 2, 1000, "each rung keeps the best 1/eta of its trials");
        long dflt = Math.max(1, smallest.steps() / ((long) eta * eta * eta));
        long minSteps = sh.count("min_steps", dflt, 1, Limits.MAX_STEPS, Limits.STEPS_WHY);
        if (minSteps > smallest.steps()) {
            throw sh.bad("min_steps", minSteps, "at most " + smallest.steps() + ", the smallest problem budget (" + smallest.name()
                    + ": " + smallest.steps() + " steps)");
        }
        return new Tuning.EarlyStopping(eta, minSteps);
    }

    /**
     * The trials the sweep will run: at most {@link #MAX_TRIALS} over all problems and optimizers, and every point
     * applied to its optimizer and built, so that a bad value fails now.
     */
    private static void checkPlan(String source, List<Problem> problems, List<SweepOptimizer> optimizers, List<Where> where, Sampler sampler) {
        long perProblem = 0;
        for (int i = 0; i < optimizers.size(); i++) {
            perProblem = Math.min(MAX_TRIALS + 1, perProblem + points(where.get(i), optimizers.get(i).search(), sampler));
        }
        if (perProblem * problems.size() > MAX_TRIALS) {
            throw new IllegalArgumentException(source + ": the sweep plans more than " + MAX_TRIALS + " tuning trials (" + problems.size()
                    + " problems × " + (perProblem > MAX_TRIALS ? "more than " + MAX_TRIALS : perProblem) + " points over "
                    + optimizers.size() + " optimizers); use fewer grid points, fewer trials or fewer problems");
        }
        for (int i = 0; i < optimizers.size(); i++) {
            SweepOptimizer o = optimizers.get(i);
            for (Spec point : sampler.sample(o.search())) {
                try {
                    o.at(point).optimization().newSchedule(CHECK_STEPS_PER_EPOCH);
                } catch (IllegalArgumentException e) {
                    throw where.get(i).error(null, o.name() + " at " + point + " is not a valid configuration: " + e.getMessage());
                }
            }
        }
    }

    /** How many points {@code sampler} gives {@code space}, capped just above {@link #MAX_TRIALS}; the grid needs points on every range. */
    private static long points(Where at, SearchSpace space, Sampler sampler) {
        return switch (sampler) {
            case Sampler.Random r -> r.trials();
            case Sampler.QuasiRandom q -> q.trials();
            case Sampler.Grid _ -> {
                long n = 1;
                for (Dimension d : space.dimensions()) {
                    if (d instanceof Dimension.Range r && r.points() == 0) {
                        throw at.error(d.name(), "method grid needs the number of points of a range, e.g. {low: " + YamlFields.num(r.low())
                                + ", high: " + YamlFields.num(r.high()) + ", scale: " + r.scale().display()
                                + ", points: 11}; or sample it with method random or quasi_random");
                    }
                    n = Math.min(MAX_TRIALS + 1, n * d.grid().size());
                }
                yield n;
            }
        };
    }

    /** The sweep as YAML that {@link #read} reads back to an equal spec. */
    public static String write(SweepSpec s) {
        StringBuilder sb = new StringBuilder();
        sb.append("name: ").append(YamlFields.quote(s.name())).append('\n');
        if (!s.description().isEmpty()) {
            sb.append("description: ").append(YamlFields.quote(s.description())).append('\n');
        }
        sb.append("problems:\n");
        for (Problem p : s.problems()) {
            sb.append("  - ").append(YamlFields.quote(Problems.spec(p))).append('\n');
        }
        if (!s.divergence().equals(Divergence.DEFAULT)) {
            sb.append("divergence_factor: ").append(s.divergence()).append('\n');
        }
        sb.append("smoothing: ").append(YamlFields.num(s.smoothing())).append('\n');
        Tuning t = s.tuning();
        Spec sampler = Spec.parse(t.sampler().toString(), "sampler");
        sb.append("tuning:\n");
        sb.append("  method: ").append(sampler.name()).append('\n');
        sampler.values().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        if (t.earlyStopping() == null) {
            sb.append("  early_stopping: ").append(NONE).append('\n');
        } else {
            sb.append("  early_stopping: ").append(HALVING).append('\n');
            sb.append("  eta: ").append(t.earlyStopping().eta()).append('\n');
            sb.append("  min_steps: ").append(t.earlyStopping().minSteps()).append('\n');
        }
        sb.append("  metric: ").append(YamlFields.quote(t.metric().toString())).append('\n');
        sb.append("  seeds: ").append(t.seeds()).append('\n');
        if (t.hasCommonLr()) {
            sb.append("  common_lr: ").append(YamlFields.num(t.commonLr())).append('\n');
        }
        sb.append("optimizers:\n");
        for (SweepOptimizer o : s.optimizers()) {
            sb.append(StudyFile.writeRun(o.base()));
            sb.append("    search:\n");
            for (Dimension d : o.search().dimensions()) {
                sb.append("      ").append(d.name()).append(": ").append(flow(d.toValue())).append('\n');
            }
        }
        return sb.toString();
    }


    /** A dimension's spec value as YAML flow: {@code {low: 1.0e-05, high: 1, scale: log, points: 11}}, {@code [0.9, 0.99]}. */
    private static String flow(Value v) {
        return switch (v) {
            case Value.Lst(List<Value> items) -> "[" + String.join(", ", items.stream().map(SweepFile::flow).toList()) + "]";
            case Spec s -> {
                List<String> pairs = new ArrayList<>();
                s.values().forEach((k, x) -> pairs.add(k + ": " + flow(x)));
                yield "{" + String.join(", ", pairs) + "}";
            }
            case Value.Str(String text) -> YamlFields.quote(text);
            case Value.Num n -> YamlFields.num(n.value());
            case Value.Bool b -> b.toString();
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
}
