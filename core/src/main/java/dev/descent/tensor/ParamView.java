package dev.descent.tensor;

import java.util.Arrays;

/**
 * A named window into a flat parameter array: {@code size()} floats from {@code offset}, read with the
 * given row-major {@code shape}. The gradient of the same parameter sits at the same offset in the
 * gradient array.
 */
public record ParamView(String name, int offset, int[] shape, Kind kind) {

    /** What a parameter is, so optimizers can treat groups differently (e.g. no weight decay on biases). */
    public enum Kind { WEIGHT, BIAS }

    public ParamView {
        shape = shape.clone();
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("parameter " + name + ": dimensions must be positive, got " + Arrays.toString(shape));
            }
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        int s = 1;
        for (int d : shape) {
            s *= d;
        }
        return s;
    }

    /** One past the last index. */
    public int end() {
        return offset + size();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + "@" + offset;
    }
}
