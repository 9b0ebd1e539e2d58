package dev.descent.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.descent.kernel.GemmTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The Vector API element-wise kernels against their scalar reference loops (exactly: same order of sums). */
class VectorsTest {

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1,1", "3,7", "50,10", "50,1024", "39200,32", "9800,64", "5,33", "4,49"})
    void sumRows_matchesScalarLoopExactly(int rows, int cols) {
        float[] x = random(rows * cols, 1);
        float[] want = new float[cols + 4], got = new float[cols + 4];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                want[2 + j] += x[r * cols + j];
            }
        }
        Vectors.sumRows(x, rows, cols, got, 2);
        assertArrayEquals(want, got);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 100, 1031})
    void relu_matchesScalarLoop(int len) {
        float[] x = random(len + 5, 2), dy = random(len + 5, 3);
        float[] y = new float[len + 5], want = new float[len + 5], dx = new float[len + 5], wantDx = new float[len + 5];
        for (int i = 3; i < 3 + len; i++) {
            want[i] = Math.max(0f, x[i]);
            wantDx[i] = want[i] > 0f ? dy[i] : 0f;
        }
        Vectors.relu(x, y, 3, 3 + len);
        Vectors.reluBackward(y, dy, dx, 3, 3 + len);
        assertArrayEquals(want, y);
        assertArrayEquals(wantDx, dx);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 160, 1031})
    void addInto_matchesScalarLoopExactly(int len) {
        float[] src = random(len + 7, 4), dst = random(len + 9, 5), want = dst.clone();
        for (int i = 0; i < len; i++) {
            want[4 + i] += src[3 + i];
        }
        Vectors.addInto(src, 3, dst, 4, len);
        assertArrayEquals(want, dst);
    }
}
