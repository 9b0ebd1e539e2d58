package dev.descent.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A spec: a name and ordered key/value pairs, as a user writes it — {@code adam(beta1=0.95,
 * convention=tensorflow)}, {@code join(schedules=[constant, cosine(decay_steps=900)], boundaries=[100])}.
 * Immutable; equal when the names and the key/value pairs are equal ({@link Map#equals}). A spec is itself a
 * {@link Value}, so specs nest.
 *
 * <pre>{@code
 * Spec s = Spec.parse("adam(beta1=0.95, convention=tensorflow)", "optimizer");
 * s.name();                         // "adam"
 * s.get("beta1");                   // Num 0.95
 * Spec t = s.with("epsilon", 1e-7); // adam(beta1=0.95, convention=tensorflow, epsilon=1.0E-7)
 * Spec.parse(t.toString()).equals(t); // true for every spec
 * }</pre>
 *
 * <p>{@link #toString()} is the one printer: {@code name} when there are no pairs, else
 * {@code name(key=value, ...)} in order, each value as {@link Value#toString()} writes it.
 */
public final class Spec implements Value {

    private final String name;
    private final Map<String, Value> values;

    Spec(String name, Map<String, Value> values) {
        this.name = Objects.requireNonNull(name, "name");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A spec with a name and no pairs. */
    public static Spec of(String name) {
        return of(name, Map.of());
    }

    /** A spec from a name and values given as Java objects ({@link Value#of(Object)}), in the map's order. */
    public static Spec of(String name, Map<String, ?> values) {
        if (!Value.WORD.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("a spec name is a word (letters, digits, _), got '" + name + "'");
        }
        Map<String, Value> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!Value.WORD.matcher(k).matches()) {
                throw new IllegalArgumentException("a spec key is a word (letters, digits, _), got '" + k + "'");
            }
            m.put(k, Value.of(Objects.requireNonNull(v, k)));
        });
        return new Spec(name, m);
    }

    /**
     * Reads one spec.
     *
     * @param kind what the text is meant to be (optimizer, schedule, function, ...), for error messages
     * @throws SpecSyntaxException saying what was wrong, where, and what is allowed
     */
    public static Spec parse(String text, String kind) {
        return SpecParser.spec(Objects.requireNonNull(text, kind + " spec"), kind);
    }

    /** Reads one spec; see {@link #parse(String, String)}. */
    public static Spec parse(String text) {
        return parse(text, "a");
    }

    /** Reads a comma-separated list of specs, such as {@code sgd, momentum(momentum=0.9), adam}. */
    public static List<Spec> parseAll(String text, String kind) {
        return SpecParser.specs(Objects.requireNonNull(text, kind + " specs"), kind);
    }

    /**
     * A value as a spec: a spec as is, and a plain word ({@code constant}) as a spec with that name and no
     * pairs, which is how a nested spec without keys is written.
     *
     * @throws IllegalArgumentException for any other value, naming the key it was given for
     */
    public static Spec from(String key, Value v) {
        if (v instanceof Spec s) {
            return s;
        }
        if (v instanceof Value.Str(String s) && Value.WORD.matcher(s).matches()) {
            return of(s);
        }
        throw new IllegalArgumentException(key + " must be a spec such as name or name(key=value, ...), got '" + v + "'");
    }

    public String name() {
        return name;
    }

    /** The pairs in order, unmodifiable. */
    public Map<String, Value> values() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value of {@code key}, or {@code null}. */
    public Value get(String key) {
        return values.get(key);
    }

    /** This spec with {@code key} set to {@code value} (in its place if present, else at the end). */
    public Spec with(String key, Object value) {
        Map<String, Value> m = new LinkedHashMap<>(values);
        m.put(key, Value.of(value));
        return new Spec(name, m);
    }

    /** This spec without the given keys. */
    public Spec without(String... keys) {
        Map<String, Value> m = new LinkedHashMap<>(values);
        for (String k : keys) {
            m.remove(k);
        }
        return new Spec(name, m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spec s && s.name.equals(name) && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + values.hashCode();
    }

    /** The one printer: {@code name} or {@code name(key=value, ...)}; {@link #parse} reads it back to an equal spec. */
    @Override
    public String toString() {
        if (values.isEmpty()) {
            return name;
        }
        StringJoiner j = new StringJoiner(", ", name + "(", ")");
        values.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
