package dev.descent.search;

import dev.descent.stats.SampleStats;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Picking the winner of a search, and the statistic it is ranked by.
 *
 * <p>{@link #best}: the trial with the best metric ({@link Goal#MAXIMIZE} for an accuracy, {@link Goal#MINIMIZE}
 * for a loss); trials whose metric is not finite (diverged) are never chosen; equal metrics go to the smaller
 * learning rate (the safer choice, as in DeepOBS's reading of its sensitivity plots), then to the earlier trial.
 *
 * <p>{@link #meanOfLast}: the mean of a series' last {@code k} values, the robust ranking statistic
 * {@code landscape --tune} uses instead of the last value, which rewards a rate that happens to end on a low
 * point of an oscillation.
 *
 * <pre>{@code
 * record Trial(double lr, double accuracy) {}
 * Optional<Trial> w = Selection.best(trials, Trial::accuracy, Trial::lr, Goal.MAXIMIZE);
 * double score = Selection.meanOfLast(lossPerStep, 50);
 * }</pre>
 */
public final class Selection {

    private Selection() {
    }

    /**
     * The best of {@code trials} (in trial order), or empty when none has a finite metric.
     *
     * @param learningRate each trial's learning rate, the first tie-break (smaller wins)
     */
    public static <T> Optional<T> best(List<T> trials, ToDoubleFunction<T> metric, ToDoubleFunction<T> learningRate, Goal goal) {
        T best = null;
        for (T t : trials) {
            double m = metric.applyAsDouble(t);
            if (!Double.isFinite(m)) {
                continue;
            }
            if (best == null) {
                best = t;
                continue;
            }
            int c = goal.compare(m, metric.applyAsDouble(best));
            if (c < 0 || c == 0 && learningRate.applyAsDouble(t) < learningRate.applyAsDouble(best)) {
                best = t; // strict comparisons keep the earlier trial on a full tie
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The mean of the last {@code k} values of {@code series} (all of them when there are fewer), or NaN when
     * the series is empty or any of those values is not finite (a diverged run never ranks).
     */
    public static double meanOfLast(double[] series, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (series.length == 0) {
            return Double.NaN;
        }
        double[] tail = Arrays.copyOfRange(series, Math.max(0, series.length - k), series.length);
        for (double v : tail) {
            if (!Double.isFinite(v)) {
                return Double.NaN;
            }
        }
        return SampleStats.of(tail).mean();
    }
}
