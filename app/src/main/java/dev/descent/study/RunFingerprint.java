package dev.descent.study;

import dev.descent.data.Dataset;
import dev.descent.io.Json;
import dev.descent.train.Optimization;
import dev.descent.train.TrainConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything that determines the numbers of one run (configuration × seed), as canonical {@code key=value} pairs,
 * and their SHA-256: a finished run is reused only when the fingerprint it was saved with is the one the study
 * asks for now. The pairs, in this order:
 *
 * <pre>
 * optimizer      adam(beta1=0.9, beta2=0.999, epsilon=1.0E-8, ..., on_nonfinite=off)  every default written in
 * lr             0.01                                                                  the base rate
 * schedule       constant(lr=0.01)                                                     built, every default written in
 * model          logreg
 * dataset        mnist
 * train_examples 60000
 * test_examples  10000
 * data_sha256    d27fb913...                                                           pixels, labels and shape as trained on
 * steps, batch_size, seed, eval_every, eval_batch, eval_examples, divergence, evaluate   every component of {@link TrainConfig}
 *                                                                                      (evaluate only when not the default, test)
 * </pre>
 *
 * <p>Settings that change no number of a run (study name and description, smoothing, loss threshold, the other
 * configurations, threads) are not in it. The run's name and seed are its file name. {@link #FORMAT}, the results
 * format, enters the digest too: bump it when a change to descent alters a run's numbers or its files' layout, and
 * every older run is retrained rather than mixed with new ones.
 *
 * <p>The fingerprint is saved beside the run as {@code runs/NAME__seedS.json}:
 * <pre>{@code
 * {"format": 1, "fingerprint": "5f0c...", "config": {"optimizer": "adam(...)", "lr": "0.01", ...}}
 * }</pre>
 *
 * @param config the pairs above, in order; values as text
 */
public record RunFingerprint(Map<String, String> config) {

    /** The results format: bump it when a change alters the numbers of a run or the layout of its files. */
    public static final int FORMAT = 1;

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern UPPER = Pattern.compile("([A-Z])");

    public RunFingerprint {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        config.forEach((k, v) -> {
            if (!KEY.matcher(k).matches() || v == null || v.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a fingerprint pair is a snake_case key and a one-line value, got " + k + "=" + v);
            }
        });
    }

    /**
     * The fingerprint of a run.
     *
     * @param stepsPerEpoch what the schedule is built with (epoch-based keys and schedules depend on it)
     * @param data          the data as it is trained on ({@link Data#of})
     * @param train         the training loop's settings, steps resolved
     */
    public static RunFingerprint of(Optimization optimization, long stepsPerEpoch, String model, Data data, TrainConfig train) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("optimizer", optimization.newOptimizer().toString());
        c.put("lr", String.valueOf(optimization.learningRate()));
        c.put("schedule", optimization.newSchedule(stepsPerEpoch).toString());
        c.put("model", model);
        c.put("dataset", data.name());
        c.put("train_examples", String.valueOf(data.trainExamples()));
        c.put("test_examples", String.valueOf(data.testExamples()));
        c.put("data_sha256", data.sha256());
        // Every component, by reflection: a setting added to the training loop enters every fingerprint by itself,
        // so no run trained without it can be mistaken for one trained with it.
        for (RecordComponent rc : TrainConfig.class.getRecordComponents()) {
            try {
                c.put(UPPER.matcher(rc.getName()).replaceAll("_$1").toLowerCase(Locale.ROOT), String.valueOf(rc.getAccessor().invoke(train)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("reading " + rc.getName() + " of " + train, e);
            }
        }
        // Which sets are evaluated changes no training number; only the default (the test set, as every study
        // evaluates) is left out, so folders made before the setting existed are still reused.
        if (String.valueOf(TrainConfig.Evaluate.TEST).equals(c.get("evaluate"))) {
            c.remove("evaluate");
        }
        return new RunFingerprint(c);
    }

    /**
     * The data a run trains and is evaluated on.
     *
     * @param sha256 SHA-256 of both halves' shape, labels and pixels (float32 bits, little-endian), as loaded: what
     *               the run saw, whatever folder or copy it came from
     */
    public record Data(String name, int trainExamples, int testExamples, String sha256) {
        /** Reads the whole of {@code split} once (about half a second for MNIST's 70 000 images). */
        public static Data of(String name, Dataset.Split split) {
            MessageDigest md = newSha256();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Dataset d : List.of(split.train(), split.test())) {
                buf.clear();
                buf.putInt(d.count()).putInt(d.height()).putInt(d.width()).putInt(d.channels()).putInt(d.classes());
                md.update(buf.array(), 0, buf.position());
                int[] labels = d.labels();
                float[] pixels = d.pixels();
                update(md, buf, labels.length, (off, n) -> buf.asIntBuffer().put(labels, off, n));
                update(md, buf, pixels.length, (off, n) -> buf.asFloatBuffer().put(pixels, off, n));
            }
            return new Data(name, split.train().count(), split.test().count(), HexFormat.of().formatHex(md.digest()));
        }
    }

    /** Puts values {@code off .. off + n} of an array into the buffer (from its start). */
    private interface Chunk {
        void put(int off, int n);
    }

    /** Digests {@code count} four-byte values, a buffer-full at a time. */
    private static void update(MessageDigest md, ByteBuffer buf, int count, Chunk chunk) {
        int per = buf.capacity() / 4;
        for (int off = 0; off < count; off += per) {
            int n = Math.min(per, count - off);
            buf.clear();
            chunk.put(off, n);
            md.update(buf.array(), 0, n * 4);
        }
    }

    /** The text the digest is taken of: {@code format=1}, then one {@code key=value} line per pair, in order. */
    public String canonical() {
        StringBuilder b = new StringBuilder("format=").append(FORMAT).append('\n');
        config.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /** SHA-256 of {@link #canonical()}, in hex. */
    public String digest() {
        return HexFormat.of().formatHex(newSha256().digest(canonical().getBytes(StandardCharsets.UTF_8)));
    }

    /** The sidecar file's text: format, fingerprint and the pairs, as JSON. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("fingerprint", digest());
        m.put("config", new LinkedHashMap<>(config));
        return Json.pretty(m);
    }

    /**
     * Reads a sidecar file's text back.
     *
     * @throws IllegalArgumentException saying why it cannot be trusted: not a fingerprint file, another results
     *                                  format, or a fingerprint that is not the digest of its pairs (edited by hand)
     */
    public static RunFingerprint fromJson(String json) {
        Object doc;
        try {
            // JSON is YAML: the YAML reader descent has reads it, maps and strings only (SafeConstructor)
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("it is not valid JSON");
        }
        if (!(doc instanceof Map<?, ?> m) || !(m.get("config") instanceof Map<?, ?> config) || !(m.get("fingerprint") instanceof String recorded)) {
            throw new IllegalArgumentException("it does not hold format, fingerprint and config");
        }
        if (!Objects.equals(m.get("format"), FORMAT)) {
            throw new IllegalArgumentException("it is in results format " + m.get("format") + "; this descent reads format " + FORMAT);
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        config.forEach((k, v) -> pairs.put(String.valueOf(k), String.valueOf(v)));
        RunFingerprint f = new RunFingerprint(pairs);
        if (!f.digest().equals(recorded)) {
            throw new IllegalArgumentException("its fingerprint is not the digest of its configuration (was it edited?)");
        }
        return f;
    }

    /**
     * What differs from {@code now}, in words: {@code was trained with lr=0.001, steps=300, but the study now asks
     * for lr=0.01, steps=500}; digests are shortened to 12 characters.
     */
    public String changesTo(RunFingerprint now) {
        Set<String> keys = new LinkedHashSet<>(now.config.keySet());
        keys.addAll(config.keySet());
        List<String> was = new ArrayList<>(), is = new ArrayList<>();
        for (String k : keys) {
            String a = config.get(k), b = now.config.get(k);
            if (!Objects.equals(a, b)) {
                was.add(pair(k, a));
                is.add(pair(k, b));
            }
        }
        return "was trained with " + String.join(", ", was) + ", but the study now asks for " + String.join(", ", is);
    }

    private static String pair(String key, String value) {
        if (value == null) {
            return "no " + key;
        }
        return key + "=" + (key.endsWith("sha256") && value.length() > 12 ? value.substring(0, 12) + "..." : value);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
