package dev.descent.schedule;

import java.util.Arrays;
import java.util.List;

/** {@link Schedule#join}: Optax {@code join_schedules}; each later schedule sees {@code step − boundary}. */
final class Joined implements Schedule {
    private final Schedule[] schedules;
    private final long[] boundaries;

    Joined(List<Schedule> schedules, long[] boundaries) {
        Check.notNull("schedules", schedules);
        Check.notNull("boundaries", boundaries);
        if (schedules.isEmpty()) {
            throw new IllegalArgumentException("schedules must not be empty");
        }
        if (boundaries.length != schedules.size() - 1) {
            throw new IllegalArgumentException("boundaries must have one fewer entry than schedules, got "
                    + boundaries.length + " boundaries for " + schedules.size() + " schedules");
        }
        for (int i = 0; i < boundaries.length; i++) {
            Check.positive("boundaries[" + i + "]", boundaries[i]);
            if (i > 0 && boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("boundaries must be strictly increasing, got "
                        + Arrays.toString(boundaries));
            }
        }
        this.schedules = schedules.toArray(new Schedule[0]);
        for (int i = 0; i < this.schedules.length; i++) {
            Check.notNull("schedules[" + i + "]", this.schedules[i]);
        }
        this.boundaries = boundaries.clone();
    }

    @Override
    public double at(long step) {
        int i = boundaries.length - 1;
        while (i >= 0 && step < boundaries[i]) {
            i--;
        }
        return i < 0 ? schedules[0].at(step) : schedules[i + 1].at(step - boundaries[i]);
    }

    @Override
    public String toString() {
        return Check.spec("join", "schedules", Arrays.stream(schedules).map(Check::spec).toList(), "boundaries", boundaries)
                .toString();
    }
}
