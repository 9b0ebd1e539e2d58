package dev.descent.study;

import dev.descent.io.TextFiles;
import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedules;
import dev.descent.train.Divergence;
import dev.descent.train.Limits;
import dev.descent.train.Optimization;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    /** The keys of one entry of {@code optimizers:}. */
    public static final Set<String> RUN_KEYS = Set.of("name", "optimizer", "params", "lr", "schedule");
    /** The EMA weight of the smoothed loss curves when a file gives none. */
    public static final double SMOOTHING = 0.9;
    private static final List<String> DATASETS = List.of("mnist", "fashion-mnist");
    private static final List<String> MODELS = List.of("cnn", "mlp", "logreg");

    private StudyFile() {
    }

    public static StudySpec read(Path file) throws IOException {
        return parse(new StringReader(TextFiles.read(file, "study file", TextFiles.MAX_BYTES)), file.toString());
    }

    public static StudySpec preset(String name) {
        return parse(new StringReader(presetText(name)), "preset " + name);
    }

    /** The preset's YAML text, as shipped. */
    public static String presetText(String name) {
        return YamlFields.presetText(StudyFile.class, name, PRESETS);
    }

    static StudySpec parse(Reader reader, String source) {
        YamlFields f = new YamlFields(source, "", YamlFields.load(reader, source, "study keys", TOP_KEYS), TOP_KEYS);
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
        double smoothing = f.has("smoothing") ? f.doubleIn("smoothing", 0, 1) : SMOOTHING;
        Divergence divergence = f.divergence("divergence_factor");
        List<RunSpec> runs = new ArrayList<>();
        for (YamlFields r : f.list("optimizers", RUN_KEYS, "{name, optimizer, params, lr, schedule}")) {
            runs.add(run(r));
        }
        try {
            return new StudySpec(name, f.string("description", ""), dataset, model, steps, epochs, batch, evalEvery,
                    evalExamples, seeds, threshold, smoothing, runs, divergence);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    /**
     * One entry of {@code optimizers:} ({@link #RUN_KEYS}; a sweep file's entries read the same keys), its optimizer
     * and schedule checked against their registries, {@code lr} resolved by {@link Optimization#resolve}.
     */
    public static RunSpec run(YamlFields r) {
        String optimizer = r.string("optimizer", null);
        if (optimizer == null) {
            throw r.error("optimizer is required; known: " + String.join(", ", Optimizers.names()));
        }
        String runName = r.string("name", optimizer);
        Map<String, String> params = r.stringMap("params");
        Double lr = r.has("lr") ? r.nonNegativeDouble("lr") : null;
        String schedule = r.string("schedule", null);
        Optimization optimization;
        try {
            optimization = Optimization.resolve(Optimizers.spec(optimizer, params), lr, null);
        } catch (IllegalArgumentException e) {
            throw r.error("optimizer: " + e.getMessage());
        }
        if (schedule != null) {
            try {
                Optimization.resolve(optimization.optimizer(), optimization.learningRate(), Schedules.parseSpec(schedule)).newSchedule(100);
            } catch (IllegalArgumentException e) {
                throw r.error("schedule: " + e.getMessage());
            }
        }
        try {
            return new RunSpec(runName, optimizer, params, optimization.learningRate(), schedule);
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage());
        }
    }

    /** The study as YAML that {@link #read} reads back to an equal spec. */
    public static String write(StudySpec s) {
        StringBuilder sb = new StringBuilder();
        sb.append("name: ").append(YamlFields.quote(s.name())).append('\n');
        if (!s.description().isEmpty()) {
            sb.append("description: ").append(YamlFields.quote(s.description())).append('\n');
        }
        sb.append("dataset: ").append(s.dataset()).append('\n');
        sb.append("model: ").append(s.model()).append('\n');
        if (s.steps() > 0) {
            sb.append("steps: ").append(s.steps()).append('\n');
        } else {
            sb.append("epochs: ").append(YamlFields.num(s.epochs())).append('\n');
        }
        sb.append("batch: ").append(s.batch()).append('\n');
        sb.append("eval_every: ").append(s.evalEvery()).append('\n');
        sb.append("eval_examples: ").append(s.evalExamples()).append('\n');
        sb.append("seeds: ").append(s.seeds()).append('\n');
        sb.append("loss_threshold: ").append(YamlFields.num(s.lossThreshold())).append('\n');
        sb.append("smoothing: ").append(YamlFields.num(s.smoothing())).append('\n');
        if (!s.divergence().equals(Divergence.DEFAULT)) {   // the default is left implicit, as in the presets
            sb.append("divergence_factor: ").append(s.divergence()).append('\n');
        }
        sb.append("optimizers:\n");
        for (RunSpec r : s.runs()) {
            sb.append(writeRun(r));
        }
        return sb.toString();
    }

    /** One entry of {@code optimizers:} as {@link #run} reads it back: {@code   - name: ...} and its keys, one a line. */
    public static String writeRun(RunSpec r) {
        StringBuilder sb = new StringBuilder();
        sb.append("  - name: ").append(YamlFields.quote(r.name())).append('\n');
        sb.append("    optimizer: ").append(YamlFields.quote(r.optimizer())).append('\n');
        if (!r.params().isEmpty()) {
            sb.append("    params: {");
            String sep = "";
            for (var e : new TreeMap<>(r.params()).entrySet()) {
                sb.append(sep).append(e.getKey()).append(": ").append(YamlFields.quote(e.getValue()));
                sep = ", ";
            }
            sb.append("}\n");
        }
        sb.append("    lr: ").append(YamlFields.num(r.lr())).append('\n');
        if (r.schedule() != null) {
            sb.append("    schedule: ").append(YamlFields.quote(r.schedule())).append('\n');
        }
        return sb.toString();
    }
}
