package dev.descent.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One value of a {@link Spec}: a number, a boolean, a string, a list of values or a nested spec.
 *
 * <pre>{@code
 * Value a = Value.of(0.9);                  // Num, printed 0.9
 * Value b = Value.compact(1.0);             // Num, printed 1 (whole numbers without ".0")
 * Value c = Value.of(List.of(10L, 25L));    // Lst, printed [10, 25]
 * Value d = Value.parse("tensorflow");      // Str, printed tensorflow
 * }</pre>
 *
 * <p>{@link #toString()} is the value as the spec printer writes it; {@link Spec#parse} reads it back to an
 * equal value.
 */
public sealed interface Value permits Value.Num, Value.Bool, Value.Str, Value.Lst, Spec {

    /**
     * A number: the double and the text it is written as. Equality and hash use the double only (compared as
     * {@link Double#compare} does), so {@code 1}, {@code 1.0} and {@code 1e0} are equal.
     *
     * @param text how the number prints; must read back to {@code value} with {@link Double#parseDouble}
     */
    record Num(double value, String text) implements Value {
        public Num {
            if (Double.compare(parseNumber(text), value) != 0) {
                throw new IllegalArgumentException("number text '" + text + "' does not read back to " + value);
            }
        }

        /** The value as a whole number, or {@code null} when it is not one. */
        public Long whole() {
            return isWhole(text) ? Long.valueOf(Long.parseLong(text.startsWith("+") ? text.substring(1) : text)) : null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Num n && Double.compare(n.value, value) == 0;
        }

        @Override
        public int hashCode() {
            return Double.hashCode(value);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements Value {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /**
     * A string. Printed bare when it is a plain word ({@code tensorflow}, {@code decoupled}), otherwise in
     * double quotes with {@code \"} and {@code \\} escaped.
     */
    record Str(String value) implements Value {
        public Str {
            if (value == null) {
                throw new IllegalArgumentException("a string value must not be null");
            }
        }

        @Override
        public String toString() {
            if (WORD.matcher(value).matches() && SpecParser.atom(value) instanceof Str) {
                return value;
            }
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    /** A list {@code [a, b, ...]}. */
    record Lst(List<Value> items) implements Value {
        public Lst {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(items.get(i));
            }
            return b.append(']').toString();
        }
    }

    /** Words that print without quotes: letters, digits and {@code _ . - +}, starting with a letter or {@code _}. */
    Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.+-]*");

    /** A number printed as {@link Double#toString(double)} prints it ({@code 0.0}, {@code 1.0E-8}). */
    static Num of(double v) {
        return new Num(v, Double.toString(v));
    }

    /** A whole number. */
    static Num of(long v) {
        return new Num(v, Long.toString(v));
    }

    /** A number printed without a trailing {@code .0} when it is whole ({@code 1}, {@code 0.5}, {@code 1.0E20}). */
    static Num compact(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return new Num(v, Long.toString((long) v));
        }
        return of(v);
    }

    /**
     * A value from a Java object: {@link Value} as is, {@link Double}/{@link Float} as {@link #of(double)},
     * other {@link Number}s as whole numbers, {@link Boolean}, {@link String}, enums (lower case), lists,
     * {@code double[]} and {@code long[]}.
     */
    static Value of(Object o) {
        return switch (o) {
            case Value v -> v;
            case Double d -> of(d.doubleValue());
            case Float f -> of(f.doubleValue());
            case Number n -> of(n.longValue());
            case Boolean b -> new Bool(b);
            case String s -> new Str(s);
            case Enum<?> e -> new Str(e.name().toLowerCase(Locale.ROOT));
            case double[] ds -> {
                List<Value> l = new ArrayList<>();
                for (double d : ds) {
                    l.add(compact(d));
                }
                yield new Lst(l);
            }
            case long[] ls -> {
                List<Value> l = new ArrayList<>();
                for (long x : ls) {
                    l.add(of(x));
                }
                yield new Lst(l);
            }
            case List<?> list -> new Lst(list.stream().map(Value::of).toList());
            default -> throw new IllegalArgumentException("no spec value for " + o.getClass().getName());
        };
    }

    /**
     * A value from its text, as the spec parser reads the value of a key: {@code true}/{@code false} (any case)
     * are booleans, numbers ({@code 0.9}, {@code -1e-8}, {@code NaN}, {@code Infinity}) are numbers,
     * {@code [a, b]} is a list, {@code name(...)} a spec, {@code "..."} a string, and any other text a string.
     *
     * @throws SpecSyntaxException when the text is not one value
     */
    static Value parse(String text) {
        return SpecParser.value(text, "value");
    }

    /** Decimal numbers as Java writes and reads them, plus NaN and ±Infinity (no hex, no 'd'/'f' suffix). */
    Pattern NUMBER = Pattern.compile("[+-]?(NaN|Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

    /** Whole numbers as written, without exponent or point. */
    private static boolean isWhole(String s) {
        return s.matches("[+-]?\\d{1,18}");
    }

    /** The double a number text stands for. */
    private static double parseNumber(String text) {
        if (text == null || !NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a number: '" + text + "'");
        }
        return Double.parseDouble(text);
    }
}
