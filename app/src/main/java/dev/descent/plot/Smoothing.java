package dev.descent.plot;

/**
 * Smoothing of noisy curves such as per-step training loss.
 *
 * <pre>{@code
 * double[] smooth = Smoothing.ema(loss, 0.9);   // like TensorBoard's smoothing slider at 0.9
 * }</pre>
 */
public final class Smoothing {
    private Smoothing() {
    }

    /**
     * Bias-corrected exponential moving average, the same as TensorBoard's scalar smoothing.
     *
     * <pre>
     *   m_0 = 0
     *   m_k = s * m_{k-1} + (1 - s) * y_i        (k counts the finite values seen so far)
     *   out_i = m_k / (1 - s^k)
     * </pre>
     *
     * {@code smoothing} ({@code s}) is the weight of the past: 0 returns the data unchanged, 0.9 averages
     * over roughly the last 10 points, 0.99 over 100. Dividing by {@code 1 - s^k} removes the pull
     * towards the zero start, so the first output equals the first value instead of {@code (1-s) * y_0}.
     * Non-finite values (NaN, ±infinity) are copied through and do not update the average, so one
     * diverged step does not poison the rest of the curve.
     *
     * @param y         the values, not modified
     * @param smoothing weight of the past, in [0, 1)
     * @return a new array of the same length
     */
    public static double[] ema(double[] y, double smoothing) {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        }
        double[] out = new double[y.length];
        double m = 0, decay = 1; // decay = s^k
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                out[i] = y[i];
                continue;
            }
            m = smoothing * m + (1 - smoothing) * y[i];
            decay *= smoothing;
            out[i] = m / (1 - decay);
        }
        return out;
    }

    /** A legend suffix naming the smoothing, e.g. {@code "EMA 0.9"}. */
    public static String describe(double smoothing) {
        return "EMA " + Ticks.plain(smoothing);
    }
}
