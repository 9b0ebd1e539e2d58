package dev.descent.layer;

/**
 * Padding as TensorFlow defines it. SAME: output size {@code ceil(in / stride)}, total padding
 * {@code max((out − 1)·stride + k − in, 0)}, the smaller half before (top/left) and the larger after.
 * VALID: no padding, output {@code (in − k) / stride + 1}.
 */
public enum Padding {
    SAME, VALID;

    public int outputSize(int in, int kernel, int stride) {
        int out = this == SAME ? (in + stride - 1) / stride : (in - kernel) / stride + 1;
        if (out <= 0) {
            throw new IllegalArgumentException("input size " + in + " is smaller than kernel " + kernel + " with VALID padding");
        }
        return out;
    }

    /** Padding before the first element (top or left). */
    public int padBefore(int in, int kernel, int stride) {
        if (this == VALID) {
            return 0;
        }
        int out = outputSize(in, kernel, stride);
        int total = Math.max((out - 1) * stride + kernel - in, 0);
        return total / 2;
    }
}
