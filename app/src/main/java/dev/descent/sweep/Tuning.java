package dev.descent.sweep;

import dev.descent.search.Metric;
import dev.descent.search.Sampler;

import java.util.List;
import java.util.Objects;

/**
 * How a sweep tunes: the {@link Sampler} that picks each optimizer's trial points, early stopping
 * ({@code null} for none, or successive halving), the selection {@link Metric} (always on the validation set),
 * the seeds of the chosen configurations' re-runs (the tuning trials use the first), and the common learning rate
 * of the untuned comparison (every optimizer at that one rate, as the article did; {@code NaN} for none).
 */
public record Tuning(Sampler sampler, EarlyStopping earlyStopping, Metric metric, List<Long> seeds, double commonLr) {

    /** Successive halving's reduction factor η and smallest rung budget in steps. */
    public record EarlyStopping(int eta, long minSteps) {
        public EarlyStopping {
            if (eta < 2) {
                throw new IllegalArgumentException("early_stopping eta must be >= 2, got " + eta);
            }
            if (minSteps < 1) {
                throw new IllegalArgumentException("early_stopping min_steps must be >= 1, got " + minSteps);
            }
        }
    }

    public Tuning {
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(metric, "metric");
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("tuning needs at least one seed for the re-runs");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds must be distinct, got " + seeds);
        }
        if (!(Double.isNaN(commonLr) || (commonLr > 0 && Double.isFinite(commonLr)))) {
            throw new IllegalArgumentException("common_lr must be a finite number > 0, got " + commonLr);
        }
    }

    /** The seed every tuning trial runs with: the first re-run seed. */
    public long tuningSeed() {
        return seeds.get(0);
    }

    public boolean hasCommonLr() {
        return !Double.isNaN(commonLr);
    }
}
