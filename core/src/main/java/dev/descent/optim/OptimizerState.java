package dev.descent.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A deep copy of an optimizer's state: enough to continue bit-identically after {@link Optimizer#restore}.
 * Like PyTorch's {@code state_dict}, it carries the optimizer's description (its {@code toString()}, with
 * every hyperparameter), so restoring into a different optimizer fails instead of silently mixing.
 *
 * <pre>{@code
 * OptimizerState saved = adam.state();
 * saved.write(out);                       // checkpoint
 * adam.restore(OptimizerState.read(in));  // later: continue exactly
 * }</pre>
 *
 * @param optimizer the optimizer's {@code toString()}
 * @param step      steps taken
 * @param buffers   per-parameter buffers (moments, accumulators), each as long as the parameters
 * @param scalars   extra scalar state, e.g. NAdam's running product of momentum coefficients
 * @param links     the state of each link of a {@link GradientChain}, in chain order (counters such as
 *                  clipped or skipped steps); empty for a bare update rule
 */
public record OptimizerState(String optimizer, long step, float[][] buffers, double[] scalars, double[][] links) {

    /** The links' state of an optimizer without links. */
    static final double[][] NO_LINKS = {};

    private static final int MAGIC = 0x4f505453; // "OPTS": written before links were saved; still read
    private static final int MAGIC_LINKS = 0x4f50544c; // "OPTL"

    public OptimizerState {
        Checks.notNull("optimizer", optimizer);
        buffers = deepCopy(buffers);
        scalars = scalars.clone();
        links = deepCopy(links);
    }

    /** The state of an update rule without links. */
    public OptimizerState(String optimizer, long step, float[][] buffers, double[] scalars) {
        this(optimizer, step, buffers, scalars, NO_LINKS);
    }

    @Override
    public float[][] buffers() {
        return deepCopy(buffers);
    }

    @Override
    public double[] scalars() {
        return scalars.clone();
    }

    @Override
    public double[][] links() {
        return deepCopy(links);
    }

    /** Writes the state in a small binary format (big-endian, exact float and double bits). */
    public void write(DataOutput out) throws IOException {
        out.writeInt(MAGIC_LINKS);
        out.writeUTF(optimizer);
        out.writeLong(step);
        out.writeInt(buffers.length);
        for (float[] b : buffers) {
            out.writeInt(b.length);
            for (float x : b) {
                out.writeInt(Float.floatToRawIntBits(x));
            }
        }
        writeDoubles(out, scalars);
        out.writeInt(links.length);
        for (double[] l : links) {
            writeDoubles(out, l);
        }
    }

    private static void writeDoubles(DataOutput out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    private static double[] readDoubles(DataInput in) throws IOException {
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(in.readLong());
        }
        return values;
    }

    /** Reads what {@link #write} wrote. */
    public static OptimizerState read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC && magic != MAGIC_LINKS) {
            throw new IOException("not an optimizer state: magic 0x" + Integer.toHexString(magic));
        }
        String optimizer = in.readUTF();
        long step = in.readLong();
        float[][] buffers = new float[in.readInt()][];
        for (int k = 0; k < buffers.length; k++) {
            buffers[k] = new float[in.readInt()];
            for (int i = 0; i < buffers[k].length; i++) {
                buffers[k][i] = Float.intBitsToFloat(in.readInt());
            }
        }
        double[] scalars = readDoubles(in);
        double[][] links = new double[magic == MAGIC ? 0 : in.readInt()][];
        for (int k = 0; k < links.length; k++) {
            links[k] = readDoubles(in);
        }
        return new OptimizerState(optimizer, step, buffers, scalars, links);
    }

    private static float[][] deepCopy(float[][] b) {
        float[][] c = new float[b.length][];
        for (int k = 0; k < b.length; k++) {
            c[k] = b[k].clone();
        }
        return c;
    }

    private static double[][] deepCopy(double[][] b) {
        double[][] c = new double[b.length][];
        for (int k = 0; k < b.length; k++) {
            c[k] = b[k].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizerState s && optimizer.equals(s.optimizer) && step == s.step
                && Arrays.deepEquals(buffers, s.buffers) && Arrays.equals(scalars, s.scalars) && Arrays.deepEquals(links, s.links);
    }

    @Override
    public int hashCode() {
        return optimizer.hashCode() * 31 + Long.hashCode(step);
    }

    @Override
    public String toString() {
        return "OptimizerState[" + optimizer + ", step=" + step + ", " + buffers.length + " buffers of "
                + (buffers.length == 0 ? 0 : buffers[0].length) + (links.length == 0 ? "" : ", links " + Arrays.deepToString(links)) + "]";
    }
}
