package dev.descent.study;

import dev.descent.io.TextFiles;
import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedules;
import dev.descent.train.Divergence;
import dev.descent.train.Limits;
import dev.descent.train.Optimization;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Study files: YAML in, {@link StudySpec} out, and back. Presets are study files shipped in the jar.
 *
 * <pre>
 * name: reference
 * dataset: mnist          # mnist | fashion-mnist
 * model: cnn              # cnn | mlp | logreg
 * steps: 1000             # or epochs: 5
 * batch: 50
 * eval_every: 100
 * seeds: [1]              # or a count: seeds: 3 means 1, 2, 3
 * divergence_factor: 10   # a run diverges above 10 × its initial loss (or NaN/inf); off: NaN/inf only
 * optimizers:
 *   - name: adam
 *     optimizer: adam
 *     params: {convention: tensorflow}
 *     lr: 0.001                                       # optional: the optimizer's default
 *     schedule: step_decay(drop=0.5, epochs_drop=4)   # optional: constant
 * </pre>
 *
 * <p>{@code optimizer}, {@code params}, {@code lr} and {@code schedule} fill the arguments of
 * {@link Optimization#resolve}, the one door every command's learning rate goes through; a run's
 * {@link RunSpec#lr()} is the resolved rate.
 *
 * Every error names the file, the key and what is allowed; optimizer and schedule specs are checked
 * against their registries when the file is read, not when the run reaches them.
 */
public final class StudyFile {
    /** Presets shipped in the jar, by name. */
    public static final List<String> PRESETS = List.of("reference", "article", "quick");

    private static final Set<String> TOP_KEYS = Set.of("name", "description", "dataset", "model", "steps", "epochs",
            "batch", "eval_every", "eval_examples", "seeds", "loss_threshold", "smoothing", "divergence_factor", "optimizers");
    private static final Set<String> RUN_KEYS = Set.of("name", "optimizer", "params", "lr", "schedule");
    private static final List<String> DATASETS = List.of("mnist", "fashion-mnist");
    private static final List<String> MODELS = List.of("cnn", "mlp", "logreg");

    private StudyFile() {
    }

    public static StudySpec read(Path file) throws IOException {
        return parse(new StringReader(TextFiles.read(file, "study file", TextFiles.MAX_BYTES)), file.toString());
    }

    public static StudySpec preset(String name) {
        if (!PRESETS.contains(name)) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; known: " + String.join(", ", PRESETS));
        }
        String resource = "presets/" + name + ".yaml";
        try (InputStream in = StudyFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preset " + name + " is missing from the jar (" + resource + ")");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "preset " + name);
        } catch (IOException e) {
            throw new IllegalStateException("reading preset " + name, e);
        }
    }

    /** The preset's YAML text, as shipped. */
    public static String presetText(String name) throws IOException {
        try (InputStream in = StudyFile.class.getResourceAsStream("presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("unknown preset '" + name + "'; known: " + String.join(", ", PRESETS));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static StudySpec parse(Reader reader, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // a study file is small and flat: bound what a hostile one can cost before it is refused
        options.setCodePointLimit((int) TextFiles.MAX_BYTES);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (MarkedYAMLException e) {
            var at = e.getProblemMark();
            throw new IllegalArgumentException(source + (at == null ? "" : " line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1))
                    + ": not valid YAML: " + e.getProblem().replace('\n', ' '));
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        if (!(doc instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(source + ": expected a mapping of study keys (" + sorted(TOP_KEYS) + ")");
        }
        Fields f = new Fields(source, "", top, TOP_KEYS);
        String name = f.string("name", "study");
        String dataset = f.oneOf("dataset", "mnist", DATASETS);
        String model = f.oneOf("model", "cnn", MODELS);
        long steps = f.count("steps", 0, 1, Limits.MAX_STEPS, Limits.STEPS_WHY);
        double epochs = f.has("epochs") ? f.positiveDouble("epochs") : 0;
        if (epochs > Limits.MAX_STEPS) {
            throw f.bad("epochs", epochs, "at most " + Limits.MAX_STEPS + " (every epoch is at least one step; " + Limits.STEPS_WHY + ")");
        }
        if (steps > 0 && epochs > 0) {
            throw new IllegalArgumentException(source + ": give either steps or epochs, not both");
        }
        if (steps == 0 && epochs == 0) {
            steps = 1000;
        }
        int batch = (int) f.count("batch", 50, 1, Integer.MAX_VALUE, "at most the training set");
        long evalEvery = f.count("eval_every", 100, 1, Limits.MAX_STEPS, "the most steps a run has");
        int evalExamples = (int) f.count("eval_examples", 0, 0, Integer.MAX_VALUE, "0: the whole test set");
        List<Long> seeds = f.seeds("seeds");
        double threshold = f.has("loss_threshold") ? f.positiveDouble("loss_threshold") : 0.3;
        double smoothing = f.has("smoothing") ? f.doubleIn("smoothing", 0, 1) : 0.9;
        Divergence divergence;
        try {
            Object factor = top.get("divergence_factor");   // YAML 1.1 reads a bare off as false
            divergence = factor == null ? Divergence.DEFAULT
                    : Divergence.parse(Boolean.FALSE.equals(factor) ? Divergence.OFF : f.string("divergence_factor", null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": divergence_factor: " + e.getMessage());
        }
        List<RunSpec> runs = new ArrayList<>();
        Object list = top.get("optimizers");
        if (!(list instanceof List<?> items) || items.isEmpty()) {
            throw new IllegalArgumentException(source + ": 'optimizers' must be a non-empty list of {name, optimizer, params, lr, schedule}");
        }
        for (int i = 0; i < items.size(); i++) {
            String where = "optimizers[" + i + "].";
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(source + ": " + where.substring(0, where.length() - 1) + " must be a mapping with keys " + sorted(RUN_KEYS));
            }
            Fields r = new Fields(source, where, m, RUN_KEYS);
            String optimizer = r.string("optimizer", null);
            if (optimizer == null) {
                throw new IllegalArgumentException(source + ": " + where + "optimizer is required; known: " + String.join(", ", Optimizers.names()));
            }
            String runName = r.string("name", optimizer);
            Map<String, String> params = r.stringMap("params");
            Double lr = r.has("lr") ? r.nonNegativeDouble("lr") : null;
            String schedule = r.string("schedule", null);
            Optimization optimization;
            try {
                optimization = Optimization.resolve(Optimizers.spec(optimizer, params), lr, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + where + "optimizer: " + e.getMessage());
            }
            if (schedule != null) {
                try {
                    Optimization.resolve(optimization.optimizer(), optimization.learningRate(), Schedules.parseSpec(schedule)).newSchedule(100);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ": " + where + "schedule: " + e.getMessage());
                }
            }
            try {
                runs.add(new RunSpec(runName, optimizer, params, optimization.learningRate(), schedule));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + where + e.getMessage());
            }
        }
        try {
            return new StudySpec(name, f.string("description", ""), dataset, model, steps, epochs, batch, evalEvery,
                    evalExamples, seeds, threshold, smoothing, runs, divergence);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    /** The study as YAML that {@link #read} reads back to an equal spec. */
    public static String write(StudySpec s) {
        StringBuilder sb = new StringBuilder();
        sb.append("name: ").append(quote(s.name())).append('\n');
        if (!s.description().isEmpty()) {
            sb.append("description: ").append(quote(s.description())).append('\n');
        }
        sb.append("dataset: ").append(s.dataset()).append('\n');
        sb.append("model: ").append(s.model()).append('\n');
        if (s.steps() > 0) {
            sb.append("steps: ").append(s.steps()).append('\n');
        } else {
            sb.append("epochs: ").append(num(s.epochs())).append('\n');
        }
        sb.append("batch: ").append(s.batch()).append('\n');
        sb.append("eval_every: ").append(s.evalEvery()).append('\n');
        sb.append("eval_examples: ").append(s.evalExamples()).append('\n');
        sb.append("seeds: ").append(s.seeds()).append('\n');
        sb.append("loss_threshold: ").append(num(s.lossThreshold())).append('\n');
        sb.append("smoothing: ").append(num(s.smoothing())).append('\n');
        if (!s.divergence().equals(Divergence.DEFAULT)) {   // the default is left implicit, as in the presets
            sb.append("divergence_factor: ").append(s.divergence()).append('\n');
        }
        sb.append("optimizers:\n");
        for (RunSpec r : s.runs()) {
            sb.append("  - name: ").append(quote(r.name())).append('\n');
            sb.append("    optimizer: ").append(quote(r.optimizer())).append('\n');
            if (!r.params().isEmpty()) {
                sb.append("    params: {");
                String sep = "";
                for (var e : new TreeMap<>(r.params()).entrySet()) {
                    sb.append(sep).append(e.getKey()).append(": ").append(quote(e.getValue()));
                    sep = ", ";
                }
                sb.append("}\n");
            }
            sb.append("    lr: ").append(num(r.lr())).append('\n');
            if (r.schedule() != null) {
                sb.append("    schedule: ").append(quote(r.schedule())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v).toLowerCase(Locale.ROOT);
    }

    /**
     * A YAML double-quoted string that reads back to {@code s}: line breaks, tabs and other characters YAML would
     * fold or refuse (controls, NEL, line and paragraph separators, BOM) are escaped.
     */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", new java.util.TreeSet<>(keys));
    }

    /** Reads typed values from one YAML mapping, naming the source and key in every error. */
    private static final class Fields {
        private final String source, prefix;
        private final Map<?, ?> map;

        Fields(String source, String prefix, Map<?, ?> map, Set<String> allowed) {
            this.source = source;
            this.prefix = prefix;
            this.map = map;
            for (Object k : map.keySet()) {
                if (!allowed.contains(String.valueOf(k))) {
                    throw new IllegalArgumentException(source + ": unknown key '" + prefix + k + "'; allowed: " + sorted(allowed));
                }
            }
        }

        boolean has(String key) {
            return map.containsKey(key) && map.get(key) != null;
        }

        /** A whole number in [min, max], or {@code dflt} when absent; checked as a number before any cast. */
        long count(String key, long dflt, long min, long max, String why) {
            if (!has(key)) {
                return dflt;
            }
            double d = number(key);
            if (d != Math.rint(d) || d < min || d > max) {
                throw bad(key, map.get(key), "a whole number between " + min + " and " + max + " (" + why + ")");
            }
            return (long) d;
        }

        IllegalArgumentException bad(String key, Object value, String allowed) {
            return new IllegalArgumentException(source + ": " + prefix + key + " = " + value + " is not allowed; expected " + allowed);
        }

        String string(String key, String dflt) {
            Object v = map.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw bad(key, v, "a single value");
            }
            return String.valueOf(v);
        }

        String oneOf(String key, String dflt, List<String> allowed) {
            String v = string(key, dflt);
            if (!allowed.contains(v)) {
                throw bad(key, v, "one of " + String.join(", ", allowed));
            }
            return v;
        }

        /** The value of {@code key} as a number; {@code -0.0} reads as {@code 0}, as {@link #write} writes it. */
        private double number(String key) {
            Object v = map.get(key);
            if (v instanceof Number n) {
                return n.doubleValue() + 0.0;
            }
            try {
                return Double.parseDouble(String.valueOf(v)) + 0.0;
            } catch (NumberFormatException e) {
                throw bad(key, v, "a number");
            }
        }

        double positiveDouble(String key) {
            double d = number(key);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw bad(key, map.get(key), "a finite number > 0");
            }
            return d;
        }

        double nonNegativeDouble(String key) {
            double d = number(key);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw bad(key, map.get(key), "a finite number >= 0");
            }
            return d;
        }

        double doubleIn(String key, double lo, double hi) {
            double d = number(key);
            if (!(d >= lo && d < hi)) {
                throw bad(key, map.get(key), "a number in [" + lo + ", " + hi + ")");
            }
            return d;
        }

        List<Long> seeds(String key) {
            Object v = map.get(key);
            if (v == null) {
                return List.of(1L);
            }
            if (v instanceof Number) {
                long n = count(key, 1, 1, Limits.MAX_SEEDS, "each seed is one more run of every configuration");
                List<Long> s = new ArrayList<>();
                for (long i = 1; i <= n; i++) {
                    s.add(i);
                }
                return s;
            }
            if (v instanceof List<?> l && l.size() > Limits.MAX_SEEDS) {
                throw bad(key, "a list of " + l.size() + " seeds", "at most " + Limits.MAX_SEEDS + " seeds");
            }
            if (v instanceof List<?> l && !l.isEmpty()) {
                List<Long> s = new ArrayList<>();
                for (Object o : l) {
                    if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                        throw bad(key, v, "a list of whole numbers, or a count");
                    }
                    s.add(n.longValue());
                }
                return s;
            }
            throw bad(key, v, "a list of whole numbers, or a count");
        }

        Map<String, String> stringMap(String key) {
            Object v = map.get(key);
            if (v == null) {
                return Map.of();
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw bad(key, v, "a mapping of hyperparameter names to values");
            }
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
            return out;
        }
    }
}
