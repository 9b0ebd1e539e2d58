package dev.descent.study;

import dev.descent.stats.SampleStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One configuration's figures over its seeds: the {@link SampleStats} (mean, sample std, min, max, n) of
 * each run figure, counting only finite values (a run that never reached the loss threshold does not count
 * for {@code stepsToThreshold}), and how many runs diverged.
 *
 * <pre>{@code
 * List<ConfigSummary> table = ConfigSummary.aggregate(runs);
 * table.get(0).testAccuracy().mean();
 * }</pre>
 *
 * @param seeds how many runs (seeds) the configuration has
 */
public record ConfigSummary(String name, int seeds, SampleStats testAccuracy, SampleStats finalLoss,
                            SampleStats finalSmoothedLoss, SampleStats trainSeconds, SampleStats stepsToThreshold,
                            long diverged) {

    public ConfigSummary {
        StudySummary.present("name, test_accuracy, final_loss, final_smoothed_loss, train_seconds, steps_to_threshold",
                name, testAccuracy, finalLoss, finalSmoothedLoss, trainSeconds, stepsToThreshold);
        if (seeds < 1 || diverged < 0 || diverged > seeds) {
            throw new IllegalArgumentException("need seeds >= 1 and 0 <= diverged <= seeds, got seeds=" + seeds + ", diverged=" + diverged);
        }
    }

    /** Per configuration name, in first-seen order. */
    public static List<ConfigSummary> aggregate(List<RunSummary> runs) {
        Map<String, List<RunSummary>> byName = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
        List<ConfigSummary> out = new ArrayList<>();
        for (var e : byName.entrySet()) {
            List<RunSummary> rs = e.getValue();
            Function<Function<RunSummary, Number>, SampleStats> over = figure -> SampleStats.of(rs.stream().map(figure)
                    .filter(x -> x != null).mapToDouble(Number::doubleValue).toArray());
            out.add(new ConfigSummary(e.getKey(), rs.size(), over.apply(RunSummary::testAccuracy), over.apply(RunSummary::finalLoss),
                    over.apply(RunSummary::finalSmoothedLoss), over.apply(RunSummary::trainSeconds),
                    over.apply(RunSummary::stepsToThreshold), rs.stream().filter(RunSummary::diverged).count()));
        }
        return out;
    }
}
