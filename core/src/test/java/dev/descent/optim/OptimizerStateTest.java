package dev.descent.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving and restoring optimizer state continues bit-identically. */
class OptimizerStateTest {

    static Stream<String> specs() {
        return Stream.concat(Optimizers.names().stream(), Stream.of(
                "rmsprop(centered=true, momentum=0.9)", "rmsprop(convention=tensorflow, momentum=0.5)",
                "adam(convention=tensorflow, amsgrad=true)", "nadam(convention=pytorch_1_13)",
                "adagrad(convention=tensorflow)", "momentum(convention=keras)", "adam(clip_norm=100, on_nonfinite=skip)"));
    }

    static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Float.floatToRawIntBits(x[i]);
        }
        return b;
    }

    static OptimizerState throughBytes(OptimizerState s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.write(new DataOutputStream(bytes));
        return OptimizerState.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    /** Two runs of {@code spec} over the same steps: one straight, one restored (through bytes) from the state at {@code split}. */
    record Runs(Optimizer straight, float[] straightParams, Optimizer resumed, float[] resumedParams) {
    }

    static Runs straightAndResumed(String spec, float[] initial, int split, int steps, IntFunction<float[]> grads,
                                   IntToDoubleFunction lr) throws IOException {
        Optimizer straight = Optimizers.parse(spec);
        float[] p = initial.clone();
        float[] atSplit = null;
        OptimizerState saved = null;
        for (int t = 0; t < steps; t++) {
            if (t == split) {
                atSplit = p.clone();
                saved = throughBytes(straight.state());
            }
            straight.step(p, grads.apply(t), lr.applyAsDouble(t));
        }

        Optimizer resumed = Optimizers.parse(spec);
        resumed.step(new float[initial.length], new float[initial.length], 0.5); // state to be overwritten
        resumed.restore(saved);
        float[] q = atSplit.clone();
        for (int t = split; t < steps; t++) {
            resumed.step(q, grads.apply(t), lr.applyAsDouble(t));
        }
        return new Runs(straight, p, resumed, q);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void restore_continuesBitIdentically(String spec) throws IOException {
        GoldenTrajectoryTest.Problem problem = GoldenTrajectoryTest.problem();
        Runs runs = straightAndResumed(spec, problem.initial(), 7, problem.grads().length, t -> problem.grads()[t].clone(), t -> problem.lr()[t]);
        float[] p = runs.straightParams(), q = runs.resumedParams();
        Optimizer straight = runs.straight(), resumed = runs.resumed();
        assertArrayEquals(bits(p), bits(q), spec + ": " + Arrays.toString(p) + " vs " + Arrays.toString(q));
        assertEquals(straight.state(), resumed.state());
    }

    @Test
    void read_formatWithoutLinks_readsWithNoLinks() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x4f505453);   // "OPTS", as written before links were saved
        out.writeUTF("sgd(weight_decay=0.0, weight_decay_mode=coupled)");
        out.writeLong(3);
        out.writeInt(0);
        out.writeInt(0);
        OptimizerState s = OptimizerState.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(new OptimizerState("sgd(weight_decay=0.0, weight_decay_mode=coupled)", 3, new float[0][], new double[0]), s);
        Optimizers.parse("sgd").restore(s);
    }

    @Test
    void state_isADeepCopy() {
        Optimizer adam = Optimizers.parse("adam");
        float[] p = {1f, 2f};
        adam.step(p, new float[] {0.5f, -0.5f}, 0.1);
        OptimizerState s = adam.state();
        adam.step(p, new float[] {0.5f, -0.5f}, 0.1);
        assertEquals(1, s.step());
        assertTrue(s.buffers()[0][0] != adam.state().buffers()[0][0]);
        s.buffers()[0][0] = 42f;
        assertTrue(s.buffers()[0][0] != 42f);
    }

    @Test
    void restore_intoDifferentOptimizer_isRejected() {
        Optimizer adam = Optimizers.parse("adam");
        adam.step(new float[2], new float[] {1f, 1f}, 0.1);
        OptimizerState s = adam.state();
        String m = assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("adam(beta1=0.8)").restore(s)).getMessage();
        assertTrue(m.startsWith("state saved from adam(beta1=0.9"), m);
        assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("rmsprop").restore(s));
    }

    @Test
    void reset_forgetsEverything() {
        Optimizer nadam = Optimizers.parse("nadam");          // NAdam also keeps a scalar, the product Π_t
        float[] a = {1f}, b = {1f};
        nadam.step(a, new float[] {0.5f}, 0.1);
        nadam.reset();
        assertEquals(0, nadam.state().step());
        nadam.step(b, new float[] {0.5f}, 0.1);
        assertEquals(a[0], b[0]);                              // the step after reset is a first step again
        Optimizer fresh = Optimizers.parse("nadam");
        fresh.step(new float[] {1f}, new float[] {0.5f}, 0.1);
        assertEquals(fresh.state(), nadam.state());
    }

    @Test
    void step_otherLengthWithoutReset_isRejected() {
        Optimizer adam = Optimizers.parse("adam");
        adam.step(new float[3], new float[3], 0.1);
        String m = assertThrows(IllegalArgumentException.class, () -> adam.step(new float[4], new float[4], 0.1)).getMessage();
        assertTrue(m.contains("holds state for 3 parameters, got 4; call reset() first"), m);
    }

    @Test
    void step_negativeLearningRate_isRejected() {
        String m = assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("sgd").step(new float[1], new float[1], -0.1)).getMessage();
        assertEquals("learning rate must be in [0, inf), got -0.1", m);
    }

    @Test
    void step_mismatchedLengths_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("sgd").step(new float[2], new float[3], 0.1));
    }
}
