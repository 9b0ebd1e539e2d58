package dev.descent.stats;

/**
 * An exponential moving average of a stream of values, such as the training loss of every step. Three
 * variants, each kept bit for bit as a caller has always computed it:
 *
 * <ul>
 *   <li>{@link #debiased(double) debiased(s)} — TensorBoard's smoothing: {@code m_k = s·m_{k-1} + (1-s)·y},
 *       output {@code m_k / (1 - s^k)} with {@code s^k} kept as a running product. The summary's smoothed
 *       loss and steps to threshold and every smoothed plot curve use it ({@link #debiased(double[], double)}).</li>
 *   <li>{@link #normalized(double) normalized(s)} — the same average divided by the EMA of a constant 1,
 *       {@code w_k = s·w_{k-1} + (1-s)}; equal to {@code 1 - s^k} in exact arithmetic but rounded
 *       differently. The study's progress bar uses it.</li>
 *   <li>{@link #seeded(double) seeded(α)} — starts at the first value, then {@code m = (1-α)·m + α·y}
 *       (pandas' {@code ewm(alpha=α, adjust=False)}); {@code descent train}'s progress bar uses α = 0.05.</li>
 * </ul>
 *
 * <pre>{@code
 * double[] smooth = Ema.debiased(loss, 0.9);     // a whole curve
 * Ema running = Ema.normalized(0.9);             // value by value
 * double shown = running.add(loss);
 * }</pre>
 *
 * An {@code Ema} holds state and is not thread-safe; use one per stream.
 */
public final class Ema {
    private enum Variant { DEBIASED, NORMALIZED, SEEDED }

    private final Variant variant;
    private final double weight; // s for DEBIASED and NORMALIZED, α for SEEDED
    private double mean;
    private double norm;         // s^k (DEBIASED) or the EMA of ones (NORMALIZED)

    private Ema(Variant variant, double weight, String name) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + weight);
        }
        this.variant = variant;
        this.weight = weight;
        this.mean = variant == Variant.SEEDED ? Double.NaN : 0;
        this.norm = variant == Variant.DEBIASED ? 1 : 0;
    }

    /**
     * TensorBoard's bias-corrected EMA. {@code smoothing} ({@code s}) is the weight of the past: 0 returns
     * the data unchanged, 0.9 averages over roughly the last 10 values, 0.99 over 100. Dividing by
     * {@code 1 - s^k} ({@code k} counts the finite values seen) removes the pull towards the zero start, so
     * the first output equals the first value. A non-finite value (NaN, ±infinity) is returned as it is and
     * does not update the average, so one diverged step does not poison the rest of the curve.
     */
    public static Ema debiased(double smoothing) {
        return new Ema(Variant.DEBIASED, smoothing, "smoothing");
    }

    /**
     * The bias-corrected EMA computed as the EMA of the values over the EMA of ones. A non-finite value
     * does not update the average; the output is then the last average (or the value itself before any
     * finite value was seen).
     */
    public static Ema normalized(double smoothing) {
        return new Ema(Variant.NORMALIZED, smoothing, "smoothing");
    }

    /**
     * The EMA that starts at the first value: {@code m_1 = y_1}, then {@code m = (1-α)·m + α·y}.
     * {@code alpha} is the weight of the new value (0.05 averages over roughly the last 20). A NaN average
     * restarts at the next value; an infinite value stays in the average.
     */
    public static Ema seeded(double alpha) {
        return new Ema(Variant.SEEDED, alpha, "alpha");
    }

    /** Adds the next value and returns the average after it. */
    public double add(double y) {
        return switch (variant) {
            case DEBIASED -> {
                if (!Double.isFinite(y)) {
                    yield y;
                }
                mean = weight * mean + (1 - weight) * y;
                norm *= weight;
                yield mean / (1 - norm);
            }
            case NORMALIZED -> {
                if (Double.isFinite(y)) {
                    mean = weight * mean + (1 - weight) * y;
                    norm = weight * norm + (1 - weight);
                }
                yield norm > 0 ? mean / norm : y;
            }
            case SEEDED -> mean = Double.isNaN(mean) ? y : (1 - weight) * mean + weight * y;
        };
    }

    /**
     * The {@link #debiased(double) debiased} EMA of a whole curve.
     *
     * @param y         the values, not modified
     * @param smoothing weight of the past, in [0, 1)
     * @return a new array of the same length
     */
    public static double[] debiased(double[] y, double smoothing) {
        Ema ema = debiased(smoothing);
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = ema.add(y[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return switch (variant) {
            case DEBIASED -> "Ema.debiased(" + weight + ")";
            case NORMALIZED -> "Ema.normalized(" + weight + ")";
            case SEEDED -> "Ema.seeded(" + weight + ")";
        };
    }
}
