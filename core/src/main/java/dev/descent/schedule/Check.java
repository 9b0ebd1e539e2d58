package dev.descent.schedule;

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
            throw new IllegalArgumentException(name + " must be in " + (loOpen ? "(" : "[") + fmt(lo) + ", " + fmt(hi)
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

    /** Shortest decimal that reads back to the same double, without a trailing ".0" on integers. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
