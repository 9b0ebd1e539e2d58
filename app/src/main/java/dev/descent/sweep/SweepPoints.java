package dev.descent.sweep;

import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedules;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;
import dev.descent.study.RunSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a search key goes: {@code lr}, the optimizer's params, or the schedule's spec. The one place that decides. */
final class SweepPoints {
    private SweepPoints() {
    }

    /** Whether {@code key} is one a trial point of {@code base} may set; the same rule {@link #apply} follows. */
    static boolean accepts(RunSpec base, String key) {
        return key.equals("lr") || Optimizers.registry().entry(base.optimizer()).param(key) != null
                || (base.schedule() != null && Schedules.registry().entry(Schedules.parseSpec(base.schedule()).name()).param(key) != null);
    }

    /**
     * Why {@code key} cannot be searched for {@code base}, listing the keys that can:
     * {@code cannot search 'foo': it is not lr, a key of momentum nor of its schedule exponential; allowed: lr, momentum,
     * nesterov, ..., rate, decay_steps (or decay_epochs), ...}.
     */
    static String refusal(RunSpec base, String key) {
        List<String> allowed = new ArrayList<>();
        allowed.add("lr");
        Optimizers.registry().entry(base.optimizer()).params().forEach(p -> allowed.add(p.display()));
        String schedule = "";
        if (base.schedule() != null) {
            var entry = Schedules.registry().entry(Schedules.parseSpec(base.schedule()).name());
            entry.params().stream().filter(p -> !p.key().equals("lr")).forEach(p -> allowed.add(p.display()));
            schedule = " nor of its schedule " + entry.name();
        }
        return "cannot search '" + key + "': it is not lr, a key of " + base.optimizer() + schedule + "; allowed: "
                + String.join(", ", allowed);
    }

    /**
     * {@code base} with the point's values: {@code lr}, then the optimizer's keys, then the schedule's.
     *
     * @throws IllegalArgumentException a key neither {@code lr}, the optimizer's nor the schedule's, naming what is allowed
     */
    static RunSpec apply(RunSpec base, Spec point) {
        double lr = base.lr();
        Map<String, String> params = new LinkedHashMap<>(base.params());
        Spec schedule = base.schedule() == null ? null : Schedules.parseSpec(base.schedule());
        var optimizerEntry = Optimizers.registry().entry(base.optimizer());
        for (Map.Entry<String, Value> e : point.values().entrySet()) {
            String key = e.getKey();
            Value v = e.getValue();
            if (key.equals("lr")) {
                if (!(v instanceof Value.Num n)) {
                    throw new IllegalArgumentException(base.name() + ": lr must be a number, got " + v);
                }
                lr = n.value();
            } else if (optimizerEntry.param(key) != null) {
                params.put(key, v instanceof Value.Str s ? s.value() : v.toString());
            } else if (schedule != null && Schedules.registry().entry(schedule.name()).param(key) != null) {
                schedule = schedule.with(key, v);
            } else {
                throw new IllegalArgumentException(base.name() + ": " + refusal(base, key));
            }
        }
        return new RunSpec(base.name(), base.optimizer(), params, lr, schedule == null ? null : schedule.toString());
    }
}
