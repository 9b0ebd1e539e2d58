package dev.descent.train;

import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint file: exact round trip, and a clear refusal of truncated, corrupted, foreign or newer files. */
class CheckpointTest {

    /** A checkpoint after 3 Adam steps (with a guard: links in the state) on 5 parameters, awkward float bits included. */
    private static Checkpoint sample() {
        float[] params = {1f, -0f, Float.MIN_VALUE, Float.intBitsToFloat(0x7fc00123), 3.5e30f};
        float[] grads = {0.5f, -1f, 2f, 0f, 1e-3f};
        Optimizer adam = Optimizers.parse("adam(on_nonfinite=skip)");
        for (int t = 0; t < 3; t++) {
            adam.step(params, grads, 0.01);
        }
        return new Checkpoint(3, params, adam.state(), 2.302585092994046, new long[] {2});
    }

    private static byte[] bytes(Checkpoint c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.write(out);
        return out.toByteArray();
    }

    private static Checkpoint read(byte[] b) throws IOException {
        return Checkpoint.read(new ByteArrayInputStream(b));
    }

    @Test
    void writeThenRead_givesTheSameBits() throws IOException {
        Checkpoint c = sample();
        Checkpoint back = read(bytes(c));
        assertEquals(c, back);
        assertEquals(c.optimizer(), back.optimizer());
        int[] want = new int[c.params().length], got = new int[want.length];
        for (int i = 0; i < want.length; i++) {
            want[i] = Float.floatToRawIntBits(c.params()[i]);
            got[i] = Float.floatToRawIntBits(back.params()[i]);
        }
        assertArrayEquals(want, got, "raw float bits, NaN payload and -0 included");
        assertEquals(Double.doubleToRawLongBits(c.initialLoss()), Double.doubleToRawLongBits(back.initialLoss()));
        assertArrayEquals(new long[] {2}, back.skippedSteps());
    }

    @Test
    void read_everyTruncationIsRefusedAndSaysSo() throws IOException {
        byte[] whole = bytes(sample());
        for (int n = 0; n < whole.length; n++) {
            int cut = n;
            IOException e = assertThrows(IOException.class, () -> read(Arrays.copyOf(whole, cut)), "cut at " + cut);
            String want = cut < 4 ? "not a descent checkpoint" : "truncated checkpoint";
            assertTrue(e.getMessage().startsWith(want), "cut at " + cut + ": " + e.getMessage());
        }
    }

    @Test
    void read_foreignFile_saysItIsNotACheckpoint() {
        byte[] zip = {0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        IOException e = assertThrows(IOException.class, () -> read(zip));
        assertEquals("not a descent checkpoint: it starts with 0x504b0304, a checkpoint with 0x44434b50 (DCKP)", e.getMessage());
    }

    @Test
    void read_newerFormat_isRefusedByNumber() throws IOException {
        byte[] b = bytes(sample());
        ByteBuffer.wrap(b).putInt(4, 2);
        IOException e = assertThrows(IOException.class, () -> read(b));
        assertEquals("checkpoint format 2; this descent reads format 1", e.getMessage());
    }

    @Test
    void read_flippedByte_isCorrupted() throws IOException {
        byte[] b = bytes(sample());
        b[30] ^= 0x10;
        IOException e = assertThrows(IOException.class, () -> read(b));
        assertTrue(e.getMessage().startsWith("corrupted checkpoint: the checksum does not match"), e.getMessage());
    }

    @Test
    void read_hugeLength_isRefusedBeforeReading() throws IOException {
        byte[] b = bytes(sample());
        ByteBuffer.wrap(b).putInt(8, -5);
        assertEquals("corrupted checkpoint: payload length -5", assertThrows(IOException.class, () -> read(b)).getMessage());
    }

    @Test
    void checkpoint_isACopy() {
        float[] params = {1f, 2f};
        Checkpoint c = new Checkpoint(0, params, Optimizers.parse("sgd").state(), Double.NaN, new long[0]);
        params[0] = 9f;
        c.params()[1] = 9f;
        assertArrayEquals(new float[] {1f, 2f}, c.params());
    }

    @Test
    void checkpoint_badStepOrSkippedSteps_areRefused() {
        var state = Optimizers.parse("sgd").state();
        assertEquals("a checkpoint's step must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint(-1, new float[1], state, 1, new long[0])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(5, new float[1], state, 1, new long[] {3, 2}));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(5, new float[1], state, 1, new long[] {6}));
        assertNotEquals(new Checkpoint(5, new float[1], state, 1, new long[] {3}), new Checkpoint(5, new float[1], state, 1, new long[] {4}));
    }

    @Test
    void of_divergedRun_isRefused() {
        Divergence.Event event = Divergence.DEFAULT.check(4, Double.NaN, 2.3);
        TrainResult diverged = new TrainResult(new double[] {2.3, 2, 1.9, Double.NaN}, 0, null, null, 1, 10, event, new long[0], 2.3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.of(diverged, new float[1], Optimizers.parse("sgd")));
        assertEquals("a diverged run cannot be continued: diverged at step 4: the loss became NaN", e.getMessage());
    }

    @Test
    void of_takesTheLastStepOfAContinuedRun() {
        TrainResult r = new TrainResult(new double[] {2, 1.9}, 7, null, null, 1, 10, null, new long[] {3}, 2.5);
        Checkpoint c = Checkpoint.of(r, new float[] {4f}, Optimizers.parse("sgd"));
        assertEquals(9, c.step());
        assertEquals(2.5, c.initialLoss());
        assertArrayEquals(new long[] {3}, c.skippedSteps());
    }
}
