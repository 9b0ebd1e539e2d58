package dev.descent.train;

import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The state of a run after {@code step} steps, enough to continue it bit-identically: the parameters, the
 * optimizer's state, the first finite loss (the divergence rule's reference) and the steps skipped so far. The
 * batch order and dropout masks need nothing saved: they follow from the seed and the step
 * ({@link dev.descent.data.Minibatches#skip}). Made by {@link #of}, continued by
 * {@link Trainer#train(dev.descent.model.Network, dev.descent.data.Dataset.Split, Optimizer,
 * dev.descent.schedule.Schedule, TrainConfig, TrainListener, Checkpoint) Trainer.train(..., from)}, written to and
 * read from a file by {@link #write}/{@link #read}.
 *
 * <pre>{@code
 * TrainResult first = Trainer.train(net, split, optimizer, schedule, TrainConfig.of(300, 50, 1), TrainListener.NONE);
 * Checkpoint c = Checkpoint.of(first, net.parameters().data(), optimizer);
 * c.write(out);
 * Checkpoint back = Checkpoint.read(in);                                          // equals c
 * Trainer.train(net, split, optimizer, schedule, TrainConfig.of(1000, 50, 1), TrainListener.NONE, back);   // steps 301..1000
 * }</pre>
 *
 * <p>The file: the magic {@code DCKP}, the format number ({@value #FORMAT}), the payload's length, the payload
 * (step, initial loss, skipped steps, parameters as exact float bits, then {@link OptimizerState#write}) and its
 * CRC-32, all big-endian; a truncated, corrupted or foreign file is refused with an {@link IOException} saying which.
 *
 * @param step         steps run, {@code >= 0}
 * @param params       the parameters after {@code step} steps
 * @param optimizer    the optimizer's state after {@code step} steps
 * @param initialLoss  the first finite loss of the run (NaN if none yet)
 * @param skippedSteps the steps the non-finite guard skipped, ascending
 */
public record Checkpoint(long step, float[] params, OptimizerState optimizer, double initialLoss, long[] skippedSteps) {

    /** The file format this class writes and reads. */
    public static final int FORMAT = 1;
    private static final int MAGIC = 0x44434b50;   // "DCKP"
    private static final int MAX_PAYLOAD = Integer.MAX_VALUE - 64;

    public Checkpoint {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(skippedSteps, "skippedSteps");
        if (step < 0) {
            throw new IllegalArgumentException("a checkpoint's step must be >= 0, got " + step);
        }
        params = params.clone();
        skippedSteps = skippedSteps.clone();
        for (int i = 0; i < skippedSteps.length; i++) {
            if (skippedSteps[i] < 1 || skippedSteps[i] > step || (i > 0 && skippedSteps[i] <= skippedSteps[i - 1])) {
                throw new IllegalArgumentException("skipped steps must be ascending, in [1, " + step + "], got " + Arrays.toString(skippedSteps));
            }
        }
    }

    /**
     * The end state of a run that did not diverge: its last step, {@code params} (copied) and {@code optimizer}'s
     * state, the result's initial loss and skipped steps.
     *
     * @throws IllegalArgumentException if the run diverged (it stopped at a step without its update: nothing to continue)
     */
    public static Checkpoint of(TrainResult result, float[] params, Optimizer optimizer) {
        if (result.diverged()) {
            throw new IllegalArgumentException("a diverged run cannot be continued: " + result.divergence().message());
        }
        return new Checkpoint(result.lastStep(), params, optimizer.state(), result.initialLoss(), result.skippedSteps());
    }

    @Override
    public float[] params() {
        return params.clone();
    }

    @Override
    public long[] skippedSteps() {
        return skippedSteps.clone();
    }

    /** Writes the checkpoint as described above; {@code out} is flushed, not closed. */
    public void write(OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + params.length * 4 * 3);
        DataOutputStream p = new DataOutputStream(bytes);
        p.writeLong(step);
        p.writeLong(Double.doubleToRawLongBits(initialLoss));
        p.writeInt(skippedSteps.length);
        for (long s : skippedSteps) {
            p.writeLong(s);
        }
        p.writeInt(params.length);
        for (float v : params) {
            p.writeInt(Float.floatToRawIntBits(v));
        }
        optimizer.write(p);
        p.flush();
        byte[] payload = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(FORMAT);
        d.writeInt(payload.length);
        d.write(payload);
        d.writeInt((int) crc.getValue());
        d.flush();
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IOException not a checkpoint (another magic), another format, truncated, or corrupted (the checksum or
     *                     a length does not match), each said in its message
     */
    public static Checkpoint read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] header = d.readNBytes(12);
        if (header.length < 4) {
            throw new IOException("not a descent checkpoint: " + header.length + " bytes, shorter than its magic");
        }
        DataInputStream h = new DataInputStream(new ByteArrayInputStream(header));
        int magic = h.readInt();
        if (magic != MAGIC) {
            throw new IOException("not a descent checkpoint: it starts with 0x" + Integer.toHexString(magic) + ", a checkpoint with 0x"
                    + Integer.toHexString(MAGIC) + " (DCKP)");
        }
        if (header.length < 12) {
            throw new IOException("truncated checkpoint: " + header.length + " bytes, shorter than its 12-byte header");
        }
        int format = h.readInt();
        if (format != FORMAT) {
            throw new IOException("checkpoint format " + format + "; this descent reads format " + FORMAT);
        }
        int length = h.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("corrupted checkpoint: payload length " + length);
        }
        byte[] payload = d.readNBytes(length);
        if (payload.length < length) {
            throw new IOException("truncated checkpoint: " + payload.length + " of " + length + " payload bytes");
        }
        byte[] sum = d.readNBytes(4);
        if (sum.length < 4) {
            throw new IOException("truncated checkpoint: its checksum is missing");
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        if ((int) crc.getValue() != new DataInputStream(new ByteArrayInputStream(sum)).readInt()) {
            throw new IOException("corrupted checkpoint: the checksum does not match its " + length + " payload bytes");
        }
        try {
            return parse(payload);
        } catch (EOFException | IllegalArgumentException e) {
            throw new IOException("corrupted checkpoint: " + (e.getMessage() == null ? "a length runs past its end" : e.getMessage()), e);
        }
    }

    private static Checkpoint parse(byte[] payload) throws IOException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(payload);
        DataInputStream p = new DataInputStream(bytes);
        long step = p.readLong();
        double initialLoss = Double.longBitsToDouble(p.readLong());
        long[] skipped = new long[count(p.readInt(), 8, bytes, "skipped steps")];
        for (int i = 0; i < skipped.length; i++) {
            skipped[i] = p.readLong();
        }
        float[] params = new float[count(p.readInt(), 4, bytes, "parameters")];
        for (int i = 0; i < params.length; i++) {
            params[i] = Float.intBitsToFloat(p.readInt());
        }
        OptimizerState optimizer = OptimizerState.read(p);
        if (bytes.available() > 0) {
            throw new IOException(bytes.available() + " bytes after the optimizer state");
        }
        return new Checkpoint(step, params, optimizer, initialLoss, skipped);
    }

    /** A count read from the file, refused unless its values fit in what is left (no huge allocation from bad bytes). */
    private static int count(int n, int bytesEach, ByteArrayInputStream rest, String what) throws IOException {
        if (n < 0 || (long) n * bytesEach > rest.available()) {
            throw new IOException(n + " " + what + " do not fit in the " + rest.available() + " bytes left");
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && step == c.step && Arrays.equals(params, c.params) && optimizer.equals(c.optimizer)
                && Double.compare(initialLoss, c.initialLoss) == 0 && Arrays.equals(skippedSteps, c.skippedSteps);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(step) * 31 + Arrays.hashCode(params);
    }

    @Override
    public String toString() {
        return "Checkpoint[step=" + step + ", " + params.length + " parameters, " + optimizer + ", initialLoss=" + initialLoss
                + ", skipped=" + Arrays.toString(skippedSteps) + "]";
    }
}
