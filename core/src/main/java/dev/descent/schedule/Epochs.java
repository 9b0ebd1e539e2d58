package dev.descent.schedule;

/**
 * Converts between epochs and steps for a fixed number of steps per epoch.
 *
 * <pre>{@code
 * Epochs epochs = new Epochs(390);                       // CIFAR-10, batch 128
 * Schedule s = Schedule.cosine(0.1, epochs.toSteps(200), 0.0)
 *         .withWarmup(epochs.toSteps(5), 0.0);
 * Schedule perEpoch = epochs.perEpoch(Schedule.staircase(0.1, 0.1, 30)); // PyTorch StepLR stepped per epoch
 * }</pre>
 *
 * @param stepsPerEpoch optimizer steps in one epoch, {@code > 0}
 */
public record Epochs(long stepsPerEpoch) {
    public Epochs {
        Check.positive("steps_per_epoch", stepsPerEpoch);
    }

    /** {@code epochs · stepsPerEpoch}, rounded to the nearest step (fractional epochs are allowed). */
    public long toSteps(double epochs) {
        Check.finiteNonNegative("epochs", epochs);
        return Math.round(epochs * stepsPerEpoch);
    }

    /** The 0-based epoch that {@code step} falls in. */
    public long epochOf(long step) {
        return step / stepsPerEpoch;
    }

    /**
     * A schedule defined over epochs, held constant within each epoch: {@code step → s.at(epochOf(step))}.
     * This is how a PyTorch scheduler behaves when {@code scheduler.step()} is called once per epoch.
     */
    public Schedule perEpoch(Schedule epochSchedule) {
        Check.notNull("schedule", epochSchedule);
        long n = stepsPerEpoch;
        return new Schedule() {
            @Override
            public double at(long step) {
                return epochSchedule.at(step / n);
            }

            @Override
            public String toString() {
                return Check.spec("per_epoch", "steps_per_epoch", n, "schedule", Check.spec(epochSchedule)).toString();
            }
        };
    }
}
