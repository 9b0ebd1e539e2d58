package dev.descent.search;

import dev.descent.spec.Spec;
import dev.descent.spec.Value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One named axis of a {@link SearchSpace}: a {@link Choice} of explicit values or a continuous {@link Range}.
 *
 * <p>Spec form (the value of the dimension's key in a space spec, read and printed by {@code dev.descent.spec}):
 * <pre>{@code
 * [0.9, 0.99]                                    // Choice: numbers, booleans or words
 * range(low=1e-05, high=1, scale=log, points=11) // Range; points only matters for the grid
 * range(low=0, high=0.1, scale=linear)           // Range without points: sampled only
 * }</pre>
 */
public sealed interface Dimension permits Dimension.Choice, Dimension.Range {

    /** The key this dimension sets (an optimizer or schedule key: {@code lr}, {@code momentum}, ...). */
    String name();

    /** The value this dimension takes at {@code u} in [0, 1): uniform in its scale, or uniform over its choices. */
    Value at(double u);

    /** The grid values of this dimension, in order. */
    List<Value> grid();

    /** The spec form: a list for a choice, {@code range(...)} for a range. */
    Value toValue();

    /**
     * A dimension from its spec form.
     *
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    static Dimension of(String name, Value v) {
        if (v instanceof Value.Lst(List<Value> items)) {
            return new Choice(name, items);
        }
        if (v instanceof Spec s && s.name().equals("range")) {
            for (String k : s.values().keySet()) {
                if (!List.of("low", "high", "scale", "points").contains(k)) {
                    throw new IllegalArgumentException(name + ": unknown range key '" + k + "'; allowed: low, high, scale, points");
                }
            }
            Scale scale = s.has("scale") ? Scale.parse(s.get("scale").toString(), name) : Scale.LINEAR;
            int points = 0;
            if (s.has("points")) {
                Long w = s.get("points") instanceof Value.Num n ? n.whole() : null;
                if (w == null || w < 1 || w > 1_000_000) {
                    throw new IllegalArgumentException(name + ": points must be a whole number in [1, 1000000], got " + s.get("points"));
                }
                points = w.intValue();
            }
            return new Range(name, number(name, s, "low"), number(name, s, "high"), scale, points);
        }
        throw new IllegalArgumentException(name + ": a search dimension is a list such as [0.9, 0.99] or "
                + "range(low=1e-05, high=1, scale=log, points=11), got '" + v + "'");
    }

    private static double number(String name, Spec s, String key) {
        if (!(s.get(key) instanceof Value.Num(double value, String text))) {
            throw new IllegalArgumentException(name + ": range needs a number " + key + ", got " + (s.has(key) ? "'" + s.get(key) + "'" : "none"));
        }
        return value;
    }

    /**
     * An explicit list of values: numbers, booleans or strings (words), at least one, no repeats.
     *
     * <pre>{@code new Choice("momentum", List.of(Value.of(0.9), Value.of(0.99)))}</pre>
     */
    record Choice(String name, List<Value> values) implements Dimension {
        public Choice {
            checkName(name);
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException(name + ": a choice needs at least one value, got []");
            }
            for (Value v : values) {
                if (v instanceof Value.Lst || v instanceof Spec) {
                    throw new IllegalArgumentException(name + ": choice values are numbers, booleans or strings, got '" + v + "'");
                }
                if (v instanceof Value.Num(double d, String t) && !Double.isFinite(d)) {
                    throw new IllegalArgumentException(name + ": choice numbers must be finite, got " + t);
                }
            }
            if (values.stream().distinct().count() != values.size()) {
                throw new IllegalArgumentException(name + ": choice values must differ, got " + new Value.Lst(values));
            }
        }

        @Override
        public Value at(double u) {
            return values.get(Math.min(values.size() - 1, (int) (u * values.size())));
        }

        @Override
        public List<Value> grid() {
            return values;
        }

        @Override
        public Value toValue() {
            return new Value.Lst(values);
        }
    }

    /**
     * A continuous interval {@code [low, high]} spaced by {@code scale}, with {@code points} grid points
     * ({@code 0} when not given: the range can then be sampled but not gridded).
     *
     * <p>Grid point {@code i} of {@code n} is {@code low·(high/low)^(i/(n−1))} on a log scale and
     * {@code low + (high−low)·i/(n−1)} on a linear one; the ends are exactly {@code low} and {@code high}, and
     * the others are rounded to 12 significant digits, so that decade points are the doubles their decimal
     * text reads as ({@code 1e-3} exactly, not {@code 9.999999999999998E-4}) and every point prints short. A
     * one-point grid is {@code low}.
     */
    record Range(String name, double low, double high, Scale scale, int points) implements Dimension {
        public Range {
            checkName(name);
            Objects.requireNonNull(scale, "scale");
            if (!Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException(name + ": range bounds must be finite numbers, got low=" + low + ", high=" + high);
            }
            if (!(low < high)) {
                throw new IllegalArgumentException(name + ": range needs low < high, got low=" + low + ", high=" + high);
            }
            if (scale == Scale.LOG && !(low > 0)) {
                throw new IllegalArgumentException(name + ": a log range needs low > 0, got low=" + low);
            }
            if (points < 0) {
                throw new IllegalArgumentException(name + ": points must be >= 1 (or 0 for none), got " + points);
            }
        }

        @Override
        public Value at(double u) {
            double x = scale == Scale.LOG
                    ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)))
                    : low + u * (high - low);
            return Value.compact(Math.clamp(x, low, high));
        }

        @Override
        public List<Value> grid() {
            if (points == 0) {
                throw new IllegalArgumentException(name + ": a grid needs points, e.g. range(low=" + low + ", high=" + high
                        + ", scale=" + scale.display() + ", points=11)");
            }
            List<Value> out = new ArrayList<>(points);
            for (int i = 0; i < points; i++) {
                out.add(Value.compact(gridPoint(i)));
            }
            return out;
        }

        /** Grid point {@code i}: the ends exact, the others rounded to 12 significant digits. */
        double gridPoint(int i) {
            if (i == 0 || points == 1) {
                return low;
            }
            if (i == points - 1) {
                return high;
            }
            double t = (double) i / (points - 1);
            double x = scale == Scale.LOG
                    ? Math.pow(10, Math.log10(low) + t * (Math.log10(high) - Math.log10(low)))
                    : low + t * (high - low);
            return x == 0 ? 0 : new BigDecimal(x).round(new MathContext(12)).doubleValue();
        }

        @Override
        public Value toValue() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("low", Value.compact(low));
            m.put("high", Value.compact(high));
            m.put("scale", scale.display());
            if (points > 0) {
                m.put("points", (long) points);
            }
            return Spec.of("range", m);
        }
    }

    private static void checkName(String name) {
        if (name == null || !Value.WORD.matcher(name).matches()) {
            throw new IllegalArgumentException("a search dimension's name is a word (letters, digits, _), got '" + name + "'");
        }
    }
}
