package dev.descent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Small element-wise and reduction kernels on flat arrays, written with the Vector API: the column sums of
 * a bias gradient and the ReLU pair. Each keeps the order of any sum fixed (lanes are different outputs, never
 * parts of one sum), so results do not depend on the thread count; the scalar loop in each javadoc is the
 * reference that tests hold them against.
 */
public final class Vectors {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Vectors() {
    }

    /**
     * {@code out[o + j] = Σ_r x[r·cols + j]} for {@code j < cols}, summed over rows {@code r} in increasing
     * order (a bias gradient: {@code x} is {@code rows × cols}, row-major). Reference:
     * {@code for r, for j: out[o + j] += x[r * cols + j]} after zeroing.
     */
    public static void sumRows(float[] x, int rows, int cols, float[] out, int o) {
        int j = 0;
        for (; j + 2 * L <= cols; j += 2 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            for (int r = 0, xi = j; r < rows; r++, xi += cols) {
                s0 = s0.add(FloatVector.fromArray(S, x, xi));
                s1 = s1.add(FloatVector.fromArray(S, x, xi + L));
            }
            s0.intoArray(out, o + j);
            s1.intoArray(out, o + j + L);
        }
        for (; j < cols; j += L) {
            VectorMask<Float> live = S.indexInRange(j, cols);
            FloatVector s0 = FloatVector.zero(S);
            for (int r = 0, xi = j; r < rows; r++, xi += cols) {
                s0 = s0.add(FloatVector.fromArray(S, x, xi, live));
            }
            s0.intoArray(out, o + j, live);
        }
    }

    /** {@code dst[d + i] += src[s + i]} for {@code i < len} (one add per element: no sum is reordered). */
    public static void addInto(float[] src, int s, float[] dst, int d, int len) {
        int i = 0;
        for (int end = S.loopBound(len); i < end; i += L) {
            FloatVector.fromArray(S, dst, d + i).add(FloatVector.fromArray(S, src, s + i)).intoArray(dst, d + i);
        }
        for (; i < len; i++) {
            dst[d + i] += src[s + i];
        }
    }

    /** {@code y[i] = max(0, x[i])} for {@code i} in {@code [from, to)}. */
    public static void relu(float[] x, float[] y, int from, int to) {
        int i = from;
        FloatVector zero = FloatVector.zero(S);
        for (int end = from + S.loopBound(to - from); i < end; i += L) {
            FloatVector.fromArray(S, x, i).max(zero).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    /** {@code dx[i] = y[i] > 0 ? dy[i] : 0} for {@code i} in {@code [from, to)}; branch-free. */
    public static void reluBackward(float[] y, float[] dy, float[] dx, int from, int to) {
        int i = from;
        FloatVector zero = FloatVector.zero(S);
        for (int end = from + S.loopBound(to - from); i < end; i += L) {
            VectorMask<Float> on = FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, dy, i), on).intoArray(dx, i);
        }
        for (; i < to; i++) {
            dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }
}
