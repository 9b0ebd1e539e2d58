package dev.descent.schedule;

/**
 * A learning-rate schedule: a function from the step (counted from 0) to the learning rate.
 *
 * <pre>{@code
 * Schedule s = Schedule.constant(0.001);
 * double lr = s.at(step);
 * }</pre>
 */
@FunctionalInterface
public interface Schedule {

    /** Learning rate at {@code step} (0-based). */
    double at(long step);

    /** The same rate at every step. */
    static Schedule constant(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + learningRate);
        }
        return new Schedule() {
            @Override
            public double at(long step) {
                return learningRate;
            }

            @Override
            public String toString() {
                return "constant(" + learningRate + ")";
            }
        };
    }
}
