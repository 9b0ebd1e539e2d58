package dev.descent.sweep;

import dev.descent.search.Dimension;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;
import dev.descent.study.RunResult;
import dev.descent.study.RunSpec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The sweep's two tables. {@code trials.csv}: one row per tuning trial and rung,
 * <pre>
 * problem,optimizer,trial,rung,lr,KEY...,seed,steps,metric,validation_accuracy,validation_loss,diverged,diverged_at,promoted,cpu_seconds,wall_seconds
 * </pre>
 * and {@code reruns.csv}: one row per re-run and untuned run,
 * <pre>
 * problem,optimizer,kind,seed,lr,KEY...,steps,validation_accuracy,validation_loss,test_accuracy,test_loss,diverged,diverged_at,steps_to_target,seconds_to_target,cpu_seconds
 * </pre>
 * {@code lr} is the run's base learning rate (searched or not); {@code KEY...} are the other searched keys of every
 * optimizer, in the order they first appear, empty where an optimizer does not search that key. {@code metric} is the
 * selection metric ({@link Tuning#metric()}), NaN for a diverged trial; {@code promoted} is empty while its rung is
 * still running; {@code diverged_at} and {@code steps_to_target} are -1 for none. Numbers print in full
 * ({@link Double#toString}); an evaluation that did not happen is an empty cell.
 *
 * <pre>{@code
 * String text = TrialsCsv.trials(spec, records, r -> true);
 * }</pre>
 */
public final class TrialsCsv {
    private TrialsCsv() {
    }

    /** The searched keys other than {@code lr}, over every optimizer, in order of first appearance. */
    static List<String> keys(SweepSpec spec) {
        Set<String> keys = new LinkedHashSet<>();
        for (SweepOptimizer o : spec.optimizers()) {
            for (Dimension d : o.search().dimensions()) {
                if (!d.name().equals("lr")) {
                    keys.add(d.name());
                }
            }
        }
        return List.copyOf(keys);
    }

    /**
     * {@code trials.csv}'s text.
     *
     * @param decided whether a record's rung is decided (its {@code promoted} is final)
     */
    public static String trials(SweepSpec spec, List<TrialRecord> records, Predicate<TrialRecord> decided) {
        List<String> keys = keys(spec);
        StringBuilder b = new StringBuilder("problem,optimizer,trial,rung,lr");
        keys.forEach(k -> b.append(',').append(k));
        b.append(",seed,steps,metric,validation_accuracy,validation_loss,diverged,diverged_at,promoted,cpu_seconds,wall_seconds\n");
        for (TrialRecord r : records) {
            b.append(r.problem()).append(',').append(r.optimizer()).append(',').append(r.trial()).append(',').append(r.rung());
            hyperparameters(b, spec, r.optimizer(), r.point(), keys);
            b.append(',').append(r.seed()).append(',').append(r.steps()).append(',').append(r.metric())
                    .append(',').append(optional(r.validationAccuracy())).append(',').append(optional(r.validationLoss()))
                    .append(',').append(r.diverged()).append(',').append(r.divergedAt())
                    .append(',').append(decided.test(r) ? String.valueOf(r.promoted()) : "")
                    .append(',').append(seconds(r.cpuSeconds())).append(',').append(seconds(r.wallSeconds())).append('\n');
        }
        return b.toString();
    }

    /** {@code reruns.csv}'s text. */
    public static String reruns(SweepSpec spec, List<RerunRecord> records) {
        List<String> keys = keys(spec);
        StringBuilder b = new StringBuilder("problem,optimizer,kind,seed,lr");
        keys.forEach(k -> b.append(',').append(k));
        b.append(",steps,validation_accuracy,validation_loss,test_accuracy,test_loss,diverged,diverged_at,steps_to_target,seconds_to_target,cpu_seconds\n");
        for (RerunRecord r : records) {
            b.append(r.problem()).append(',').append(r.optimizer()).append(',').append(r.untuned() ? "untuned" : "rerun").append(',').append(r.seed());
            hyperparameters(b, spec, r.optimizer(), r.point(), keys);
            List<RunResult.Row> rows = r.rows();
            b.append(',').append(rows.isEmpty() ? 0 : rows.get(rows.size() - 1).step())
                    .append(',').append(optional(r.validation() == null ? Double.NaN : r.validation().accuracy()))
                    .append(',').append(optional(r.validation() == null ? Double.NaN : r.validation().loss()))
                    .append(',').append(optional(r.test() == null ? Double.NaN : r.test().accuracy()))
                    .append(',').append(optional(r.test() == null ? Double.NaN : r.test().loss()))
                    .append(',').append(r.diverged()).append(',').append(r.divergedAt())
                    .append(',').append(r.stepsToTarget()).append(',').append(optional(r.secondsToTarget()))
                    .append(',').append(seconds(r.cpuSeconds())).append('\n');
        }
        return b.toString();
    }

    private static void hyperparameters(StringBuilder b, SweepSpec spec, String optimizer, Spec point, List<String> keys) {
        RunSpec run = spec.optimizer(optimizer).at(point);
        b.append(',').append(run.lr());
        for (String k : keys) {
            Value v = point.has(k) ? point.get(k) : null;
            b.append(',').append(v == null ? "" : v instanceof Value.Str s ? s.value() : v.toString());
        }
    }

    private static String optional(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "" : String.format(Locale.ROOT, "%.3f", s);
    }
}
