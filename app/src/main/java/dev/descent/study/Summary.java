package dev.descent.study;

import dev.descent.plot.Smoothing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a study reports, computed from run results only (so {@code descent report} can redo them
 * from metrics.csv): per run the test accuracy, the final loss (mean of the last 50 steps), the final
 * smoothed loss, the steps until the smoothed loss first reached the threshold, divergence and time; per
 * configuration the mean and standard deviation of those over seeds.
 */
public final class Summary {
    /** Steps averaged for {@code final_loss}. */
    public static final int FINAL_WINDOW = 50;

    private Summary() {
    }

    /** The smoothed loss curve: the same EMA the plots draw ({@link Smoothing#ema}). */
    public static double[] smooth(double[] y, double weight) {
        return Smoothing.ema(y, weight);
    }

    public static double[] losses(RunResult r) {
        return r.rows().stream().mapToDouble(RunResult.Row::loss).toArray();
    }

    /** First step whose smoothed loss is at or below {@code threshold}, or -1. */
    public static long stepsToThreshold(RunResult r, double smoothing, double threshold) {
        double[] s = smooth(losses(r), smoothing);
        for (int i = 0; i < s.length; i++) {
            if (s[i] <= threshold) {
                return r.rows().get(i).step();
            }
        }
        return -1;
    }

    public static Map<String, Object> run(RunResult r, double smoothing, double threshold) {
        double[] s = smooth(losses(r), smoothing);
        long toThreshold = stepsToThreshold(r, smoothing, threshold);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("seed", r.seed());
        m.put("steps", r.rows().size());
        m.put("test_accuracy", r.testAccuracy());
        m.put("test_loss", r.testLoss());
        m.put("final_loss", r.finalLoss(FINAL_WINDOW));
        m.put("final_smoothed_loss", s.length == 0 ? Double.NaN : s[s.length - 1]);
        m.put("steps_to_threshold", toThreshold < 0 ? null : toThreshold);
        m.put("diverged", r.diverged());
        m.put("diverged_at", r.diverged() ? r.divergedAt() : null);
        m.put("train_seconds", r.trainSeconds());
        return m;
    }

    /** Per configuration name (in first-seen order): mean and std over seeds of the run figures. */
    public static List<Map<String, Object>> aggregate(List<Map<String, Object>> runs) {
        Map<String, List<Map<String, Object>>> byName = new LinkedHashMap<>();
        for (Map<String, Object> r : runs) {
            byName.computeIfAbsent((String) r.get("name"), k -> new ArrayList<>()).add(r);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : byName.entrySet()) {
            List<Map<String, Object>> rs = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.getKey());
            m.put("seeds", rs.size());
            for (String key : List.of("test_accuracy", "final_loss", "final_smoothed_loss", "train_seconds", "steps_to_threshold")) {
                double[] v = rs.stream().map(r -> r.get(key)).filter(x -> x instanceof Number)
                        .mapToDouble(x -> ((Number) x).doubleValue()).filter(Double::isFinite).toArray();
                m.put(key, stats(v));
            }
            m.put("diverged", rs.stream().filter(r -> Boolean.TRUE.equals(r.get("diverged"))).count());
            out.add(m);
        }
        return out;
    }

    /** {@code {mean, std, min, max, n}}; std is the sample standard deviation (n − 1), 0 for one value. */
    public static Map<String, Object> stats(double[] v) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = v.length;
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean = n == 0 ? Double.NaN : mean / n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double min = Double.NaN, max = Double.NaN;
        for (double x : v) {
            min = Double.isNaN(min) ? x : Math.min(min, x);
            max = Double.isNaN(max) ? x : Math.max(max, x);
        }
        m.put("mean", mean);
        m.put("std", n > 1 ? Math.sqrt(ss / (n - 1)) : n == 1 ? 0.0 : Double.NaN);
        m.put("min", min);
        m.put("max", max);
        m.put("n", n);
        return m;
    }

    public static double mean(Map<String, Object> aggregate, String key) {
        return ((Number) ((Map<?, ?>) aggregate.get(key)).get("mean")).doubleValue();
    }

    public static double std(Map<String, Object> aggregate, String key) {
        return ((Number) ((Map<?, ?>) aggregate.get(key)).get("std")).doubleValue();
    }
}
