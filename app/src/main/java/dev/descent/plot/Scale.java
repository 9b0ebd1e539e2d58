package dev.descent.plot;

/** Maps data values on [d0, d1] to pixels on [p0, p1], linearly or in log10; values off a log axis map to NaN. */
final class Scale {
    final double d0, d1, p0, p1;
    final boolean log;
    private final double a0, a1;

    Scale(double d0, double d1, double p0, double p1, boolean log) {
        this.d0 = d0;
        this.d1 = d1;
        this.p0 = p0;
        this.p1 = p1;
        this.log = log;
        this.a0 = log ? Math.log10(d0) : d0;
        this.a1 = log ? Math.log10(d1) : d1;
    }

    double map(double v) {
        double a = log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
        return p0 + (a - a0) / (a1 - a0) * (p1 - p0);
    }

    double[] ticks() {
        // vertical axes get denser ticks: their labels are short in that direction
        int spacing = p1 < p0 ? 70 : 100;
        return log ? Ticks.log(d0, d1) : Ticks.linear(d0, d1, Math.max(3, (int) Math.abs(p1 - p0) / spacing));
    }

    /**
     * Widens a linear range to the neighbouring tick when that is only a small step away (0..999 becomes
     * 0..1000), so the axis ends on a labelled number.
     */
    static double[] snapped(double lo, double hi, int target) {
        if (!(hi > lo)) {
            return new double[] {lo, hi};
        }
        double step = Ticks.niceStep(hi - lo, target);
        double up = Math.ceil(hi / step - 1e-9) * step, down = Math.floor(lo / step + 1e-9) * step;
        double slack = 0.03 * (hi - lo);
        return new double[] {lo - down <= slack ? down : lo, up - hi <= slack ? up : hi};
    }

    /**
     * Data range padded by {@code pad} of its span (in log space on a log axis); a degenerate range is
     * widened so the axis still has ticks. Returns {lo, hi}.
     */
    static double[] padded(double lo, double hi, double pad, boolean log) {
        if (log) {
            double a = Math.log10(lo), b = Math.log10(hi);
            if (b - a < 1e-9) {
                a -= 0.5;
                b += 0.5;
            }
            double p = (b - a) * pad;
            return new double[] {Math.pow(10, a - p), Math.pow(10, b + p)};
        }
        if (hi - lo <= Math.abs(hi) * 1e-12) {
            double w = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new double[] {lo - w, hi + w};
        }
        double p = (hi - lo) * pad;
        return new double[] {lo - p, hi + p};
    }
}
