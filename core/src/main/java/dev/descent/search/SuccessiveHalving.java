package dev.descent.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Successive halving (Jamieson &amp; Talwalkar 2016; the inner loop of Hyperband, Li et al. 2018): every trial
 * runs to a small budget, the best {@code 1/η} go on to an {@code η}-times larger budget, and so on until the
 * survivors run to the full budget.
 *
 * <p>Rungs: {@code R} is one more than the largest {@code r} with {@code minSteps·η^r ≤ maxSteps}, capped so
 * that at least one trial reaches the last rung ({@code ⌊n/η^(R−1)⌋ ≥ 1}). Rung {@code k} (from 0) runs
 * {@code ⌊maxSteps/η^(R−1−k)⌋} steps (so the last rung is {@code maxSteps} and the first at least
 * {@code minSteps}) and admits {@code ⌊n/η^k⌋} trials.
 *
 * <pre>{@code
 * SuccessiveHalving sh = new SuccessiveHalving(27, 3, 37, 1000);
 * sh.rungs();  // [Rung[index=0, steps=37, trials=27], Rung[1, 111, 9], Rung[2, 333, 3], Rung[3, 1000, 1]]
 * List<Integer> next = sh.promote(0, metricByTrial, Goal.MAXIMIZE); // the 9 best of rung 0
 * }</pre>
 *
 * @param trials   trials entering the first rung (≥ 1)
 * @param eta      the reduction factor η (≥ 2)
 * @param minSteps the smallest budget a rung may have (≥ 1)
 * @param maxSteps the full budget, the last rung's (≥ minSteps)
 */
public record SuccessiveHalving(int trials, int eta, long minSteps, long maxSteps) {

    /** One rung: its budget in steps and how many trials enter it. */
    public record Rung(int index, long steps, int trials) {
    }

    public SuccessiveHalving {
        if (trials < 1) {
            throw new IllegalArgumentException("successive halving needs trials >= 1, got " + trials);
        }
        if (eta < 2) {
            throw new IllegalArgumentException("successive halving needs eta >= 2, got " + eta);
        }
        if (minSteps < 1) {
            throw new IllegalArgumentException("successive halving needs a minimum budget >= 1 step, got " + minSteps);
        }
        if (maxSteps < minSteps) {
            throw new IllegalArgumentException("successive halving needs the maximum budget >= the minimum (" + minSteps
                    + " steps), got " + maxSteps);
        }
    }

    /** The rungs, first to last. */
    public List<Rung> rungs() {
        int r = 1;
        for (long b = minSteps, n = trials; b <= maxSteps / eta && n / eta >= 1; b *= eta, n /= eta) {
            r++;
        }
        List<Rung> out = new ArrayList<>(r);
        long n = trials;
        for (int k = 0; k < r; k++, n /= eta) {
            out.add(new Rung(k, maxSteps / pow(eta, r - 1 - k), (int) n));
        }
        return out;
    }

    /**
     * The trials promoted from {@code rung} to the next: the best {@code ⌊m/η⌋} of the {@code m} trials given,
     * best first; equal metrics go to the smaller trial index. A non-finite metric (a diverged trial: the caller
     * passes NaN) is never promoted, even when that leaves fewer than {@code ⌊m/η⌋}.
     *
     * @param metricByTrial each trial's metric at the end of this rung, by trial index
     * @return the promoted trial indices, best first; empty at the last rung
     */
    public List<Integer> promote(int rung, Map<Integer, Double> metricByTrial, Goal goal) {
        int last = rungs().size() - 1;
        if (rung < 0 || rung > last) {
            throw new IllegalArgumentException("rung must be in [0, " + last + "], got " + rung);
        }
        if (rung == last) {
            return List.of();
        }
        int keep = metricByTrial.size() / eta;
        Comparator<Map.Entry<Integer, Double>> better = (a, b) -> goal.compare(a.getValue(), b.getValue());
        return metricByTrial.entrySet().stream()
                .filter(e -> Double.isFinite(e.getValue()))
                .sorted(better.thenComparing(Map.Entry::getKey))
                .limit(keep)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static long pow(long b, int e) {
        long p = 1;
        for (int i = 0; i < e; i++) {
            p *= b;
        }
        return p;
    }

    @Override
    public String toString() {
        return "successive_halving(eta=" + eta + ", min_steps=" + minSteps + ", max_steps=" + maxSteps + ", trials=" + trials + ")";
    }
}
