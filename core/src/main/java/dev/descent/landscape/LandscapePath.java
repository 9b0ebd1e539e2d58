package dev.descent.landscape;

/**
 * The iterates of one optimizer on a landscape: {@code (x[t], y[t])} and {@code f[t]} for t = 0 (the start)
 * to the last step taken, and why the path ended.
 */
public record LandscapePath(double[] x, double[] y, double[] f, Stop stop) {

    /** Why a path ended. */
    public enum Stop {
        /** All requested steps were taken. */
        COMPLETED("completed"),
        /** A parameter or the function value became NaN or infinite; the last finite point is kept. */
        NON_FINITE("diverged: not finite"),
        /** The point went far outside the domain (beyond its width on either side); that point is kept. */
        LEFT_DOMAIN("left the domain");

        private final String text;

        Stop(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public LandscapePath {
        if (x.length != y.length || x.length != f.length || x.length == 0) {
            throw new IllegalArgumentException("x, y and f must have the same length >= 1, got "
                    + x.length + ", " + y.length + ", " + f.length);
        }
    }

    /** The number of steps taken (points minus one). */
    public int steps() {
        return x.length - 1;
    }

    public double finalValue() {
        return f[f.length - 1];
    }

    public boolean diverged() {
        return stop != Stop.COMPLETED;
    }

    /** E.g. "left the domain at step 12", or "" for a completed path. */
    public String describeStop() {
        return stop == Stop.COMPLETED ? "" : stop + (stop == Stop.NON_FINITE ? " after step " : " at step ") + steps();
    }
}
