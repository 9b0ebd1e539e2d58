package dev.descent.study;

import dev.descent.data.Dataset;
import dev.descent.layer.Shape;
import dev.descent.model.Models;
import dev.descent.train.Limits;

/**
 * The checks a study passes once its dataset is known and before its results folder is made: the batch fits the
 * training set and the memory, the run length in steps is supported, and every per-step record of the study fits
 * in memory and in {@code metrics.csv} (which is built as one string). A study that passes these never dies of a
 * count halfway.
 *
 * <pre>{@code
 * StudyLimits.check(spec, data);                 // then ResultsFolder.create(dir, spec)
 * }</pre>
 */
public final class StudyLimits {
    /**
     * Records of a whole study, at most: {@code metrics.csv} is formatted as one Java string (at most 2³¹ characters)
     * of about 100 characters a row.
     */
    public static final long MAX_RECORDS = 20_000_000L;
    /** Bytes a per-step record costs while a study runs and reports (the row, its CSV text, the reader's index). */
    static final long RECORD_BYTES = 400;

    private StudyLimits() {
    }

    /** @throws IllegalArgumentException naming the key, the limit and why */
    public static void check(StudySpec spec, Dataset.Split data) {
        Dataset train = data.train();
        Limits.batch("batch", spec.batch(), train.count(), spec.model(), Models.registry().parse(spec.model())
                .builder(new Shape(train.height(), train.width(), train.channels()), train.classes()));
        long steps = spec.resolvedSteps(train.count());
        if (spec.steps() == 0 && steps > Limits.MAX_STEPS) {
            throw new IllegalArgumentException("epochs " + spec.epochs() + " of " + train.count() + " examples in batches of "
                    + spec.batch() + " are " + steps + " steps; at most " + Limits.MAX_STEPS + " (" + Limits.STEPS_WHY + ")");
        }
        Limits.count("steps", steps, 1, Limits.MAX_STEPS, Limits.STEPS_WHY);
        long runs = (long) spec.runs().size() * spec.seeds().size();
        String what = spec.runs().size() + " configurations x " + spec.seeds().size() + " seeds x " + steps + " steps";
        if ((double) runs * steps > MAX_RECORDS) {
            throw new IllegalArgumentException(what + " are " + (runs * steps) + " per-step records; a study holds at most "
                    + MAX_RECORDS + " (metrics.csv is built in memory): use fewer steps, seeds or configurations");
        }
        Limits.memory(what, runs * steps, RECORD_BYTES);
    }
}
