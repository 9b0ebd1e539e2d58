package dev.descent.init;

import dev.descent.random.Rng;

/**
 * Fills a parameter's slice of the flat array with initial values, given its fan-in and fan-out.
 *
 * <pre>{@code
 * Initializer.heNormal().fill(params, view.offset(), view.size(), fanIn, fanOut, rng);
 * }</pre>
 */
@FunctionalInterface
public interface Initializer {

    void fill(float[] data, int offset, int size, int fanIn, int fanOut, Rng rng);

    /**
     * He normal as TensorFlow's {@code VarianceScaling(scale=2.0, mode="fan_in", distribution="truncated_normal")}:
     * a normal truncated at two standard deviations, with the standard deviation divided by
     * 0.87962566103423978 (the std of a unit normal truncated at ±2) so the variance is {@code 2 / fanIn}.
     */
    static Initializer heNormal() {
        return new Initializer() {
            @Override
            public void fill(float[] data, int offset, int size, int fanIn, int fanOut, Rng rng) {
                double std = Math.sqrt(2.0 / fanIn) / 0.87962566103423978;
                for (int i = 0; i < size; i++) {
                    data[offset + i] = (float) (rng.nextTruncatedGaussian() * std);
                }
            }

            @Override
            public String toString() {
                return "he_normal";
            }
        };
    }

    /** Glorot (Xavier) uniform: {@code U(−l, l)} with {@code l = √(6 / (fanIn + fanOut))}. */
    static Initializer glorotUniform() {
        return new Initializer() {
            @Override
            public void fill(float[] data, int offset, int size, int fanIn, int fanOut, Rng rng) {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < size; i++) {
                    data[offset + i] = (float) ((2 * rng.nextDouble() - 1) * limit);
                }
            }

            @Override
            public String toString() {
                return "glorot_uniform";
            }
        };
    }

    /** Every value {@code value}. */
    static Initializer constant(float value) {
        return new Initializer() {
            @Override
            public void fill(float[] data, int offset, int size, int fanIn, int fanOut, Rng rng) {
                java.util.Arrays.fill(data, offset, offset + size, value);
            }

            @Override
            public String toString() {
                return "constant(" + value + ")";
            }
        };
    }
}
