package dev.descent.schedule;

import dev.descent.spec.Spec;
import dev.descent.spec.Value;

/**
 * {@link Schedule#withWarmup}: linear from {@code start} to {@code inner.at(0)} over {@code steps} steps, then
 * {@code inner} with its step counter restarted at 0.
 */
record Warmup(Schedule inner, long steps, double start) implements Schedule {
    Warmup {
        Check.notNull("schedule", inner);
        Check.positive("warmup_steps", steps);
        Check.finiteNonNegative("warmup_start", start);
    }

    static Schedule of(Schedule inner, long steps, double start) {
        Check.nonNegative("warmup_steps", steps);
        Check.finiteNonNegative("warmup_start", start);
        return steps == 0 ? Check.notNull("schedule", inner) : new Warmup(inner, steps, start);
    }

    @Override
    public double at(long step) {
        if (step >= steps) {
            return inner.at(step - steps);
        }
        double target = inner.at(0);
        return start + (target - start) * ((double) step / steps);
    }

    /** Written as two extra keys on the wrapped schedule, which is how {@link Schedules#parse} reads it back. */
    @Override
    public String toString() {
        Value s = Check.spec(inner);
        boolean splice = !(inner instanceof Warmup) && !(inner instanceof Joined) && s instanceof Spec;
        return (splice ? Check.spec(((Spec) s).name(), ((Spec) s).values(), "warmup_steps", steps, "warmup_start", start)
                : Check.spec("warmup", "warmup_steps", steps, "warmup_start", start, "schedule", s)).toString();
    }
}
