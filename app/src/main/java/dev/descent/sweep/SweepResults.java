package dev.descent.sweep;

import java.util.List;

/** Everything a sweep produced, in plan order: what the report, {@code summary.json} and the plots are drawn from. */
public record SweepResults(SweepSpec spec, List<TrialRecord> trials, List<RerunRecord> reruns) {
    public SweepResults {
        trials = List.copyOf(trials);
        reruns = List.copyOf(reruns);
    }
}
