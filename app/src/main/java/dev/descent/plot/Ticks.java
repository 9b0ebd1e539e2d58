package dev.descent.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick positions people read easily: steps of 1, 2 or 5 times a power of ten on linear axes, powers of
 * ten (or 1-2-5 within a decade) on log axes, and labels without float noise.
 *
 * <pre>{@code
 * Ticks.linear(0, 2.3, 6)   // [0, 0.5, 1, 1.5, 2]
 * Ticks.log(0.001, 1000)    // [0.001, 0.01, 0.1, 1, 10, 100, 1000]
 * }</pre>
 */
public final class Ticks {
    private Ticks() {
    }

    /** The 1-2-5 step closest to {@code span / target}. */
    public static double niceStep(double span, int target) {
        if (!(span > 0) || !Double.isFinite(span)) {
            throw new IllegalArgumentException("span must be a finite number > 0, got " + span);
        }
        double raw = span / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
        return nice * mag;
    }

    /** About {@code target} ticks inside [lo, hi], multiples of a 1-2-5 step. */
    public static double[] linear(double lo, double hi, int target) {
        checkRange(lo, hi);
        if (lo == hi) {
            return new double[] {lo};
        }
        double step = niceStep(hi - lo, target);
        long first = (long) Math.ceil(lo / step - 1e-9), last = (long) Math.floor(hi / step + 1e-9);
        double[] t = new double[(int) (last - first + 1)];
        for (int i = 0; i < t.length; i++) {
            // k * step via decimal so 3 * 0.1 is 0.3, not 0.30000000000000004
            t[i] = new BigDecimal(first + i).multiply(new BigDecimal(Double.toString(step))).doubleValue() + 0.0;
        }
        return t;
    }

    /**
     * Ticks for a log axis over [lo, hi] (both &gt; 0): powers of ten, every k-th decade when there are
     * many; 1-2-5 multiples when fewer than four powers of ten fall inside; linear ticks when even
     * those give fewer than three.
     */
    public static double[] log(double lo, double hi) {
        checkRange(lo, hi);
        if (!(lo > 0)) {
            throw new IllegalArgumentException("log ticks need lo > 0, got " + lo);
        }
        int k0 = (int) Math.ceil(Math.log10(lo) - 1e-9), k1 = (int) Math.floor(Math.log10(hi) + 1e-9);
        List<Double> t = new ArrayList<>();
        if (k1 - k0 >= 3) {
            int stride = 1;
            while ((k1 - k0) / stride + 1 > 10) {
                stride++;
            }
            int start = Math.floorMod(k0, stride) == 0 ? k0 : k0 + (stride - Math.floorMod(k0, stride));
            for (int k = start; k <= k1; k += stride) {
                t.add(pow10(k));
            }
        } else {
            for (int k = k0 - 1; k <= k1; k++) {
                for (int m : new int[] {1, 2, 5}) {
                    double v = Double.parseDouble(m + "e" + k);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                        t.add(v);
                    }
                }
            }
            if (t.size() < 3) {
                return linear(lo, hi, 5);
            }
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Minor log ticks (2..9 times each power of ten) inside [lo, hi]; empty when ticks are not decades. */
    static double[] logMinor(double lo, double hi) {
        int k0 = (int) Math.floor(Math.log10(lo)), k1 = (int) Math.ceil(Math.log10(hi));
        if (k1 - k0 > 8) {
            return new double[0];
        }
        List<Double> t = new ArrayList<>();
        for (int k = k0; k <= k1; k++) {
            for (int m = 2; m <= 9; m++) {
                double v = Double.parseDouble(m + "e" + k);
                if (v >= lo && v <= hi) {
                    t.add(v);
                }
            }
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Labels for ticks, all with the same number of decimals (enough to tell neighbours apart);
     * scientific notation when the values are very large or small.
     */
    public static String[] labels(double[] ticks) {
        String[] s = new String[ticks.length];
        double maxAbs = 0, minStep = Double.POSITIVE_INFINITY, minAbsNonZero = Double.POSITIVE_INFINITY;
        for (int i = 0; i < ticks.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(ticks[i]));
            if (ticks[i] != 0) {
                minAbsNonZero = Math.min(minAbsNonZero, Math.abs(ticks[i]));
            }
            if (i > 0) {
                minStep = Math.min(minStep, Math.abs(ticks[i] - ticks[i - 1]));
            }
        }
        boolean geometric = ticks.length > 2 && minAbsNonZero > 0 && ticks[0] > 0
                && ticks[ticks.length - 1] / ticks[0] >= 100;
        boolean sci = maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-2) || (geometric && minAbsNonZero < 1e-4);
        for (int i = 0; i < ticks.length; i++) {
            double v = ticks[i];
            if (sci) {
                s[i] = sci(v);
            } else if (geometric) {
                s[i] = plain(v);
            } else {
                double step = Double.isFinite(minStep) && minStep > 0 ? minStep : Math.max(Math.abs(v), 1);
                int decimals = Math.max(0, Math.min(10, (int) -Math.floor(Math.log10(step) + 1e-9)));
                s[i] = String.format(Locale.ROOT, "%." + decimals + "f", v + 0.0);
                if (s[i].matches("-0(\\.0*)?")) {
                    s[i] = s[i].substring(1);
                }
            }
        }
        return s;
    }

    /** Shortest plain decimal for {@code v}, e.g. 0.001, 20, 1000. */
    static String plain(double v) {
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** e.g. 1e-6, 2.5e7. */
    static String sci(double v) {
        if (v == 0) {
            return "0";
        }
        int k = (int) Math.floor(Math.log10(Math.abs(v)) + 1e-9);
        double m = v / pow10(k);
        String ms = BigDecimal.valueOf(Math.round(m * 100) / 100.0).stripTrailingZeros().toPlainString();
        return (ms.equals("1") ? "1" : ms.equals("-1") ? "-1" : ms) + "e" + k;
    }

    static double pow10(int k) {
        return Double.parseDouble("1e" + k);
    }

    private static void checkRange(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException("tick range must be finite with lo <= hi, got [" + lo + ", " + hi + "]");
        }
    }
}
