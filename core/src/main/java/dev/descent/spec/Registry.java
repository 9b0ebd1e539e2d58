package dev.descent.spec;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one shape of a registry: named entries, each with a description, the {@link Param}s it accepts and a
 * factory from a {@link Spec} to the thing. Optimizers, schedules, landscape functions, models and datasets
 * are registries of this shape; each kind adds only its factories.
 *
 * <pre>{@code
 * Registry<Landscape> functions = new Registry<>("function", "%1$s: unknown parameter '%2$s'; allowed: %3$s");
 * functions.add(new Registry.Entry<>("quadratic", "an ill-conditioned valley",
 *         List.of(new Param("condition", Param.Type.NUMBER, "100", ">= 1", "condition number")),
 *         spec -> new Quadratic(...)));
 * Landscape q = functions.create(Spec.parse("quadratic(condition=50)", "function"));
 * }</pre>
 *
 * <p>Names are looked up case-insensitively. Errors: an unknown name gives {@code unknown <kind> 'x'; known:
 * a, b, ...}; an unknown key gives the registry's message with the allowed keys ({@link Param#display()}).
 *
 * @param <T> what the entries make
 */
public final class Registry<T> {

    /**
     * One registered name.
     *
     * @param factory makes the thing from a spec whose name is this entry's and whose keys are among
     *                {@code params} (the registry has checked both)
     */
    public record Entry<T>(String name, String description, List<Param> params, Function<Spec, T> factory) {
        public Entry {
            Objects.requireNonNull(name, "name");
            params = List.copyOf(params);
        }

        /** The param of {@code key} or of its alias, or {@code null}. */
        public Param param(String key) {
            for (Param p : params) {
                if (p.key().equals(key) || key.equals(p.alias())) {
                    return p;
                }
            }
            return null;
        }

        /** The usage form with every default: {@code cosine(lr=<base lr>, decay_steps=<required>, alpha=0)}. */
        public String usage() {
            if (params.isEmpty()) {
                return name;
            }
            return name + params.stream().map(p -> p.key() + "=" + (p.required() ? "<required>" : p.defaultValue()))
                    .collect(Collectors.joining(", ", "(", ")"));
        }
    }

    private final String kind;
    private final String unknownKey;
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();

    /**
     * @param kind       what the entries are, for messages: optimizer, schedule, function, model, dataset
     * @param unknownKey the message for an unknown key, a format with {@code %1$s} the entry's name,
     *                   {@code %2$s} the key and {@code %3$s} the allowed keys
     */
    public Registry(String kind, String unknownKey) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.unknownKey = Objects.requireNonNull(unknownKey, "unknownKey");
    }

    /** Registers an entry; returns it. */
    public Entry<T> add(Entry<T> e) {
        if (entries.putIfAbsent(e.name(), e) != null) {
            throw new IllegalStateException(kind + " '" + e.name() + "' registered twice");
        }
        return e;
    }

    /** What the entries are: optimizer, schedule, ... */
    public String kind() {
        return kind;
    }

    /** Registered names, in registration order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** Every entry, in registration order. */
    public List<Entry<T>> entries() {
        return List.copyOf(entries.values());
    }

    /**
     * The entry of {@code name} (any case).
     *
     * @throws IllegalArgumentException {@code unknown <kind> 'name'; known: ...}
     */
    public Entry<T> entry(String name) {
        Entry<T> e = entries.get(Objects.requireNonNull(name, kind + " name").strip().toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; known: " + String.join(", ", entries.keySet()));
        }
        return e;
    }

    /**
     * Checks that every key is one of the entry's params or their aliases.
     *
     * @throws IllegalArgumentException the registry's unknown-key message, listing the allowed keys
     */
    public void checkKeys(Entry<T> e, Collection<String> keys) {
        for (String key : keys) {
            if (e.param(key) == null) {
                String allowed = e.params().isEmpty() ? "none, " + e.name() + " takes none"
                        : e.params().stream().map(Param::display).collect(Collectors.joining(", "));
                throw new IllegalArgumentException(String.format(Locale.ROOT, unknownKey, e.name(), key, allowed));
            }
        }
    }

    /** The thing a spec names: its entry, its keys checked, made by the entry's factory. */
    public T create(Spec spec) {
        Entry<T> e = entry(spec.name());
        checkKeys(e, spec.values().keySet());
        return e.factory().apply(spec);
    }

    /** {@link #create} of {@link Spec#parse(String, String) Spec.parse(text, kind)}. */
    public T parse(String text) {
        return create(Spec.parse(text, kind));
    }
}
