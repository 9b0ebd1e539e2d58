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
 */
public record OptimizerState(String optimizer, long step, float[][] buffers, double[] scalars) {

    private static final int MAGIC = 0x4f505453; // "OPTS"

    public OptimizerState {
        Checks.notNull("optimizer", optimizer);
        buffers = deepCopy(buffers);
        scalars = scalars.clone();
    }

    @Override
    public float[][] buffers() {
        return deepCopy(buffers);
    }

    @Override
    public double[] scalars() {
        return scalars.clone();
    }

    /** Writes the state in a small binary format (big-endian, exact float and double bits). */
    public void write(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeUTF(optimizer);
        out.writeLong(step);
        out.writeInt(buffers.length);
        for (float[] b : buffers) {
            out.writeInt(b.length);
            for (float x : b) {
                out.writeInt(Float.floatToRawIntBits(x));
            }
        }
        out.writeInt(scalars.length);
        for (double s : scalars) {
            out.writeLong(Double.doubleToRawLongBits(s));
        }
    }

    /** Reads what {@link #write} wrote. */
    public static OptimizerState read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
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
        double[] scalars = new double[in.readInt()];
        for (int i = 0; i < scalars.length; i++) {
            scalars[i] = Double.longBitsToDouble(in.readLong());
        }
        return new OptimizerState(optimizer, step, buffers, scalars);
    }

    private static float[][] deepCopy(float[][] b) {
        float[][] c = new float[b.length][];
        for (int k = 0; k < b.length; k++) {
            c[k] = b[k].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizerState s && optimizer.equals(s.optimizer) && step == s.step
                && Arrays.deepEquals(buffers, s.buffers) && Arrays.equals(scalars, s.scalars);
    }

    @Override
    public int hashCode() {
        return optimizer.hashCode() * 31 + Long.hashCode(step);
    }

    @Override
    public String toString() {
        return "OptimizerState[" + optimizer + ", step=" + step + ", " + buffers.length + " buffers of "
                + (buffers.length == 0 ? 0 : buffers[0].length) + "]";
    }
}
