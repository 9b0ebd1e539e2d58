package dev.descent.layer;

import dev.descent.init.Initializer;
import dev.descent.kernel.Backend;
import dev.descent.tensor.ParamView;
import dev.descent.tensor.Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The im2col + GEMM convolution against the direct seven-loop reference, on the CNN's shapes and odd ones. */
class ConvReferenceTest {

    @ParameterizedTest(name = "{0}x{1}x{2} k{3} out{4} {5} batch{6}")
    @CsvSource({"28,28,1,5,32,SAME,3", "14,14,32,5,64,SAME,2", "9,7,3,3,5,SAME,2", "9,7,3,4,5,SAME,1",
            "8,8,2,3,3,VALID,2", "1,1,4,5,2,SAME,2", "5,3,1,1,1,VALID,1"})
    void forward_matchesDirectConvolution(int h, int w, int c, int k, int oc, Padding pad, int n) {
        Shape in = new Shape(h, w, c);
        float[] x = GradCheck.gaussian(n * h * w * c, 21, 1);
        float[] fast1 = run(in, k, oc, pad, n, x, 1), fast2 = run(in, k, oc, pad, n, x, 2);
        assertArrayEquals(fast1, fast2, "the result must not depend on the thread count");

        Conv2d conv = new Conv2d(in, k, k, oc, pad, Initializer.heNormal(), 0.1f);
        Parameters.Builder pb = Parameters.builder();
        conv.declare(pb, "c/");
        Parameters p = pb.build();
        conv.initialize(p.data(), 7);
        ParamView w0 = p.view("c/w"), b0 = p.view("c/b");
        float[] ref = new float[fast1.length];
        Conv2d.forwardReference(x, in, Arrays.copyOfRange(p.data(), w0.offset(), w0.end()),
                Arrays.copyOfRange(p.data(), b0.offset(), b0.end()), k, k, pad, ref, n);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], fast1[i], 1e-4 * (1 + Math.abs(ref[i])), "output " + i);
        }
    }

    private static float[] run(Shape in, int k, int oc, Padding pad, int n, float[] x, int threads) {
        try (Backend be = Backend.fast(threads)) {
            Conv2d conv = new Conv2d(in, k, k, oc, pad, Initializer.heNormal(), 0.1f);
            Parameters.Builder pb = Parameters.builder();
            conv.declare(pb, "c/");
            Parameters p = pb.build();
            LayerContext ctx = new LayerContext(be);
            conv.bind(p, n, ctx);
            conv.initialize(p.data(), 7);
            float[] y = new float[n * conv.outputShape().size()];
            conv.forward(x, y, n, ctx);
            return y;
        }
    }
}
