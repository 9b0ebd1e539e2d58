package dev.descent.study;

import dev.descent.io.TextFiles;
import dev.descent.train.Divergence;
import dev.descent.train.Limits;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed values from one mapping of a descent YAML file (study and sweep files), naming the file and the key in
 * every error, with what is allowed: {@code study.yaml: optimizers[1].lr = -1 is not allowed; expected a finite
 * number >= 0}. Also the bounded YAML loader, the presets' resource lookup and the writers' quoting, which both
 * file kinds share.
 *
 * <pre>{@code
 * Map<?, ?> top = YamlFields.load(reader, "study.yaml", "study keys", TOP_KEYS);
 * YamlFields f = new YamlFields("study.yaml", "", top, TOP_KEYS);   // refuses unknown keys, listing the allowed
 * long steps = f.count("steps", 1000, 1, Limits.MAX_STEPS, Limits.STEPS_WHY);
 * for (YamlFields run : f.list("optimizers", RUN_KEYS, "{name, optimizer, params, lr, schedule}")) { ... }
 * }</pre>
 */
public final class YamlFields {
    private final String source, prefix;
    private final Map<?, ?> map;

    /**
     * @param prefix the path of this mapping in the file, ending in a dot ({@code optimizers[2].}), or empty
     * @throws IllegalArgumentException for a key not in {@code allowed}, listing the allowed keys
     */
    public YamlFields(String source, String prefix, Map<?, ?> map, Set<String> allowed) {
        this.source = source;
        this.prefix = prefix;
        this.map = map;
        for (Object k : map.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                throw new IllegalArgumentException(source + ": unknown key '" + prefix + k + "'; allowed: " + sorted(allowed));
            }
        }
    }

    /**
     * Reads a whole YAML document that must be a mapping, with bounds on what a hostile file can cost.
     *
     * @param what what the mapping's keys are, for the message when it is not one: {@code study keys}
     * @throws IllegalArgumentException {@code FILE line L, column C: not valid YAML: ...}, or not a mapping
     */
    public static Map<?, ?> load(Reader reader, String source, String what, Set<String> keys) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // a descent file is small and flat: bound what a hostile one can cost before it is refused
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
            throw new IllegalArgumentException(source + ": expected a mapping of " + what + " (" + sorted(keys) + ")");
        }
        return top;
    }

    /**
     * The text of the preset {@code presets/NAME.yaml} shipped next to {@code owner} in the jar.
     *
     * @throws IllegalArgumentException {@code unknown preset 'x'; known: a, b}
     */
    public static String presetText(Class<?> owner, String name, List<String> known) {
        if (!known.contains(name)) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; known: " + String.join(", ", known));
        }
        String resource = "presets/" + name + ".yaml";
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preset " + name + " is missing from the jar (" + resource + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("reading preset " + name, e);
        }
    }

    public String source() {
        return source;
    }

    /** This mapping's path in the file, ending in a dot, or empty at the top. */
    public String prefix() {
        return prefix;
    }

    public boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    /** The value as SnakeYAML read it (a String, Number, Boolean, List, Map), or {@code null}. */
    public Object raw(String key) {
        return map.get(key);
    }

    /** {@code FILE: PREFIXmessage}: an error about this mapping. */
    public IllegalArgumentException error(String message) {
        return new IllegalArgumentException(source + ": " + prefix + message);
    }

    public IllegalArgumentException bad(String key, Object value, String allowed) {
        return new IllegalArgumentException(source + ": " + prefix + key + " = " + value + " is not allowed; expected " + allowed);
    }

    /** A whole number in [min, max], or {@code dflt} when absent; checked as a number before any cast. */
    public long count(String key, long dflt, long min, long max, String why) {
        if (!has(key)) {
            return dflt;
        }
        double d = number(key);
        if (d != Math.rint(d) || d < min || d > max) {
            throw bad(key, map.get(key), "a whole number between " + min + " and " + max + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        return (long) d;
    }

    public String string(String key, String dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw bad(key, v, "a single value");
        }
        return String.valueOf(v);
    }

    public String oneOf(String key, String dflt, List<String> allowed) {
        String v = string(key, dflt);
        if (!allowed.contains(v)) {
            throw bad(key, v, "one of " + String.join(", ", allowed));
        }
        return v;
    }

    /** The value of {@code key} as a number; {@code -0.0} reads as {@code 0}, as {@link #num} writes it. */
    public double number(String key) {
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

    public double positiveDouble(String key) {
        double d = number(key);
        if (!(d > 0) || Double.isInfinite(d)) {
            throw bad(key, map.get(key), "a finite number > 0");
        }
        return d;
    }

    public double nonNegativeDouble(String key) {
        double d = number(key);
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw bad(key, map.get(key), "a finite number >= 0");
        }
        return d;
    }

    public double doubleIn(String key, double lo, double hi) {
        double d = number(key);
        if (!(d >= lo && d < hi)) {
            throw bad(key, map.get(key), "a number in [" + lo + ", " + hi + ")");
        }
        return d;
    }

    /** {@code [1]} when absent; a count {@code n} means {@code 1..n}; or a list of whole numbers. */
    public List<Long> seeds(String key) {
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

    public Map<String, String> stringMap(String key) {
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

    /** The divergence rule of {@code key} ({@code 10}, {@code off}), {@link Divergence#DEFAULT} when absent. */
    public Divergence divergence(String key) {
        Object factor = map.get(key);   // YAML 1.1 reads a bare off as false
        try {
            return factor == null ? Divergence.DEFAULT
                    : Divergence.parse(Boolean.FALSE.equals(factor) ? Divergence.OFF : string(key, null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + prefix + key + ": " + e.getMessage());
        }
    }

    /** The nested mapping of {@code key} ({@code tuning:}), its keys checked; {@code null} when absent. */
    public YamlFields mapping(String key, Set<String> allowed) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw bad(key, v, "a mapping with keys " + sorted(allowed));
        }
        return new YamlFields(source, prefix + key + ".", m, allowed);
    }

    /**
     * The non-empty list of mappings of {@code key} ({@code optimizers:}), each with its keys checked and its
     * path ({@code optimizers[2].}) in every error.
     *
     * @param shape how an item looks, for the messages: {@code {name, optimizer, params, lr, schedule}}
     */
    public List<YamlFields> list(String key, Set<String> allowed, String shape) {
        if (!(map.get(key) instanceof List<?> items) || items.isEmpty()) {
            throw error("'" + key + "' must be a non-empty list of " + shape);
        }
        List<YamlFields> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String where = prefix + key + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(source + ": " + where + " must be a mapping with keys " + sorted(allowed));
            }
            out.add(new YamlFields(source, where + ".", m, allowed));
        }
        return out;
    }

    /** A number as the writers print it: whole numbers without a point, others as Java prints them, lower case. */
    public static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v).toLowerCase(Locale.ROOT);
    }

    /**
     * A YAML double-quoted string that reads back to {@code s}: line breaks, tabs and other characters YAML would
     * fold or refuse (controls, NEL, line and paragraph separators, BOM) are escaped.
     */
    public static String quote(String s) {
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

    /** The keys in alphabetical order, comma-separated, as the messages list what is allowed. */
    public static String sorted(Set<String> keys) {
        return String.join(", ", new TreeSet<>(keys));
    }
}
