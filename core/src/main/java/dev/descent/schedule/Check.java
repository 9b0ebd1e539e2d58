package dev.descent.schedule;

import dev.descent.spec.Spec;
import dev.descent.spec.Value;

import java.util.LinkedHashMap;
import java.util.Map;

/** Argument checks run when a schedule is built, never when it is evaluated. */
final class Check {
    private Check() {
    }

    static double finiteNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
        }
        return v;
    }

    static double finitePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
        return v;
    }

    static long positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
        return v;
    }

    static long nonNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
        return v;
    }

    static double in(String name, double v, double lo, boolean loOpen, double hi, boolean hiOpen) {
        boolean ok = (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        if (!ok) {
            throw new IllegalArgumentException(name + " must be in " + (loOpen ? "(" : "[") + Value.compact(lo) + ", " + Value.compact(hi)
                    + (hiOpen ? ")" : "]") + ", got " + v);
        }
        return v;
    }

    static <T> T notNull(String name, T v) {
        if (v == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return v;
    }

    /**
     * The spec a schedule prints: {@code name} and key/value pairs, doubles written compactly
     * ({@link Value#compact}: {@code 1}, not {@code 1.0}), through the one spec printer.
     */
    static Spec spec(String name, Object... keyValues) {
        return spec(name, Map.of(), keyValues);
    }

    /** As {@link #spec(String, Object...)}, after the pairs in {@code first}. */
    static Spec spec(String name, Map<String, Value> first, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>(first);
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            m.put((String) keyValues[i], v instanceof Double d ? Value.compact(d) : v);
        }
        return Spec.of(name, m);
    }

    /** A schedule as a spec value; a schedule that is not one of the registered kinds as its text, quoted. */
    static Value spec(Schedule s) {
        try {
            return Spec.parse(s.toString(), "schedule");
        } catch (IllegalArgumentException e) {
            return new Value.Str(s.toString());
        }
    }
}
