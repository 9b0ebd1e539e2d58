package dev.descent.search;

import dev.descent.spec.Spec;
import dev.descent.spec.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a tuner searches over: ordered, named {@link Dimension}s, the learning rate first by convention.
 *
 * <pre>{@code
 * SearchSpace s = SearchSpace.parse("space(lr=range(low=1e-5, high=1, scale=log, points=11), momentum=[0.9, 0.99])");
 * s.names();                               // [lr, momentum]
 * SearchSpace.parse(s.toString()).equals(s); // true: the one spec printer and parser
 * List<Spec> trials = Sampler.grid().sample(s); // 22 points: point(lr=1.0E-5, momentum=0.9), ...
 * }</pre>
 *
 * <p>The spec form is a spec named {@code space} whose keys are the dimension names and whose values are the
 * dimensions' spec forms ({@link Dimension}). A trial point is a spec named {@code point} with one value per
 * dimension, in the space's order ({@link #point}).
 */
public record SearchSpace(List<Dimension> dimensions) {

    public SearchSpace {
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one dimension, such as "
                    + "lr=range(low=1e-05, high=1, scale=log, points=11)");
        }
        Set<String> seen = new HashSet<>();
        for (Dimension d : dimensions) {
            if (!seen.add(d.name())) {
                throw new IllegalArgumentException("search dimension '" + d.name() + "' is given twice; each key at most once");
            }
        }
    }

    /** A space of the given dimensions, in order. */
    public static SearchSpace of(Dimension... dimensions) {
        return new SearchSpace(List.of(dimensions));
    }

    /** A space from its spec form: {@code space(lr=range(...), momentum=[0.9, 0.99])}. */
    public static SearchSpace from(Spec spec) {
        if (!spec.name().equals("space")) {
            throw new IllegalArgumentException("a search space is written space(key=..., ...), got '" + spec.name() + "'");
        }
        List<Dimension> ds = new ArrayList<>();
        spec.values().forEach((k, v) -> ds.add(Dimension.of(k, v)));
        return new SearchSpace(ds);
    }

    /** {@link #from} of the parsed text. */
    public static SearchSpace parse(String text) {
        return from(Spec.parse(text, "search space"));
    }

    /** The dimension names, in order. */
    public List<String> names() {
        return dimensions.stream().map(Dimension::name).toList();
    }

    /** The point with one value per dimension, given in the space's order. */
    public Spec point(List<Value> values) {
        if (values.size() != dimensions.size()) {
            throw new IllegalArgumentException("a point needs " + dimensions.size() + " values, got " + values.size());
        }
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            m.put(dimensions.get(i).name(), values.get(i));
        }
        return Spec.of("point", m);
    }

    /** The spec form. */
    public Spec toSpec() {
        Map<String, Value> m = new LinkedHashMap<>();
        dimensions.forEach(d -> m.put(d.name(), d.toValue()));
        return Spec.of("space", m);
    }

    /** The spec form as the one printer writes it; {@link #parse} reads it back to an equal space. */
    @Override
    public String toString() {
        return toSpec().toString();
    }
}
