package dev.descent.optim;

/** Argument checks shared by the optimizers (once per step, never inside the update loop). */
final class Checks {
    private Checks() {
    }

    static void sameLength(float[] params, float[] grads) {
        if (params.length != grads.length) {
            throw new IllegalArgumentException("params and grads differ in length: " + params.length + " vs " + grads.length);
        }
    }

    static double inUnitInterval(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
        }
        return v;
    }

    static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
        return v;
    }
}
