package dev.descent.schedule;

import java.util.Arrays;

/**
 * {@link Schedule#piecewiseConstant}: TF {@code PiecewiseConstantDecay}; a boundary step keeps the earlier
 * value.
 */
final class PiecewiseConstant implements Schedule {
    private final long[] boundaries;
    private final double[] values;

    PiecewiseConstant(long[] boundaries, double[] values) {
        Check.notNull("boundaries", boundaries);
        Check.notNull("values", values);
        if (values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("values must have one more entry than boundaries, got "
                    + values.length + " values for " + boundaries.length + " boundaries");
        }
        for (int i = 0; i < boundaries.length; i++) {
            Check.nonNegative("boundaries[" + i + "]", boundaries[i]);
            if (i > 0 && boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("boundaries must be strictly increasing, got "
                        + Arrays.toString(boundaries));
            }
        }
        for (int i = 0; i < values.length; i++) {
            Check.finiteNonNegative("values[" + i + "]", values[i]);
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public double at(long step) {
        int i = 0;
        while (i < boundaries.length && step > boundaries[i]) {
            i++;
        }
        return values[i];
    }

    @Override
    public String toString() {
        return Check.spec("piecewise_constant", "boundaries", boundaries, "values", values).toString();
    }
}
