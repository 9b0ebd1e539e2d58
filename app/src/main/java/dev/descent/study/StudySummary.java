package dev.descent.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.io.AtomicFiles;
import dev.descent.io.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study's results as summary.json holds them: a one-line conclusion, every run's figures, every
 * configuration's figures over seeds, the study's configuration and where it ran. Written after every
 * study and by {@code descent report}; read back (with validation) by whatever builds on a finished study.
 *
 * <pre>{@code
 * summary.write(dir.resolve("summary.json"));
 * StudySummary back = StudySummary.read(dir.resolve("summary.json"));   // also reads files older than `format`
 * }</pre>
 *
 * <p>File format: one JSON object whose fields are this record's components in snake_case and in order.
 * {@code format} is {@value #FORMAT} for files written now; files written before the field existed have
 * none and read as format 0, which has the same fields. A later format may add fields (readers ignore
 * unknown ones) and raises the number when a field changes meaning; a file of a newer format than this
 * build knows is refused.
 *
 * @param format      the file format version, see above
 * @param study       the study's name (the folder name when re-rendered without study.yaml)
 * @param conclusion  one or two plain sentences drawn from the aggregate
 * @param runs        one entry per configuration × seed, in the order they were run
 * @param aggregate   one entry per configuration, in first-seen order
 * @param config      the study as run; null when it is not known (re-rendered without study.yaml)
 * @param environment the machine and software it ran on
 */
public record StudySummary(int format, String study, String conclusion, List<RunSummary> runs, List<ConfigSummary> aggregate,
                           Config config, Environment environment) {
    /** The format this build writes. */
    public static final int FORMAT = 1;

    public StudySummary {
        if (format < 0 || format > FORMAT) {
            throw new IllegalArgumentException("format must be 0.." + FORMAT + " (this build reads up to format " + FORMAT
                    + "; a newer descent wrote this file), got " + format);
        }
        present("study, conclusion, environment", study, conclusion, environment);
        runs = List.copyOf(present(runs, "runs"));
        aggregate = List.copyOf(present(aggregate, "aggregate"));
    }

    /** Writes this summary to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, Json.pretty(this));
    }

    /**
     * Reads a summary.json of any format up to {@value #FORMAT}.
     *
     * @throws IllegalArgumentException naming the file and the field when a field is missing or invalid
     */
    public static StudySummary read(Path file) throws IOException {
        JsonNode tree = Json.readTree(file);
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException(file + ": expected a JSON object, found " + tree.getNodeType());
        }
        if (!object.has("format")) {
            object.set("format", IntNode.valueOf(0)); // written before the field existed: format 0, the same fields
        }
        return Json.read(file, object, StudySummary.class);
    }

    /** {@code value}, or an exception saying that {@code field} is missing. */
    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing (null)");
        }
        return value;
    }

    /** Checks {@code values} against the comma-separated {@code fields} that name them, in order. */
    static void present(String fields, Object... values) {
        String[] names = fields.split(",\\s*");
        for (int i = 0; i < values.length; i++) {
            present(values[i], names[i]);
        }
    }

    /**
     * The study as run: what study.yaml said after overrides.
     *
     * @param steps  training steps, or null when given in epochs
     * @param epochs training epochs, or null when given in steps
     */
    public record Config(String name, String dataset, String model, Long steps, Double epochs, int batch, long evalEvery,
                         int evalExamples, List<Long> seeds, double lossThreshold, double smoothing, List<OptimizerEntry> optimizers) {
        public Config {
            present("name, dataset, model", name, dataset, model);
            seeds = List.copyOf(present(seeds, "seeds"));
            optimizers = List.copyOf(present(optimizers, "optimizers"));
        }

        public static Config of(StudySpec s) {
            List<OptimizerEntry> optimizers = new ArrayList<>();
            for (RunSpec r : s.runs()) {
                optimizers.add(new OptimizerEntry(r.name(), r.optimizer(), r.params(), r.lr(), r.schedule(), r.optimizerSpec()));
            }
            return new Config(s.name(), s.dataset(), s.model(), s.steps() > 0 ? s.steps() : null, s.epochs() > 0 ? s.epochs() : null,
                    s.batch(), s.evalEvery(), s.evalExamples(), s.seeds(), s.lossThreshold(), s.smoothing(), optimizers);
        }
    }

    /**
     * One optimizer configuration of the study.
     *
     * @param params   the hyperparameters as written in the study file
     * @param schedule the learning-rate schedule spec, null for a constant rate
     * @param spec     the optimizer spec, e.g. {@code adam(beta1=0.9, convention=tensorflow)}
     */
    public record OptimizerEntry(String name, String optimizer, Map<String, String> params, double lr, String schedule, String spec) {
        public OptimizerEntry {
            present("name, optimizer, spec", name, optimizer, spec);
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(present(params, "params")));
        }
    }
}
