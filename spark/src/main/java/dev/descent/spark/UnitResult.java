package dev.descent.spark;

import dev.descent.problem.TrialOutcome;
import dev.descent.sweep.SweepTask;
import dev.descent.sweep.SweepWork;
import dev.descent.train.Checkpoint;
import dev.descent.train.Divergence;
import dev.descent.train.Evaluation;
import dev.descent.train.StepRecord;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Spark task sends back to the driver, as bytes: either the unit's outcome — every number as its exact bits
 * ({@code writeDouble}), the end checkpoint in its own format ({@link Checkpoint#write}) — or why the unit could not
 * run for a descent reason (a bad configuration, data the executor cannot find). Such a reason is a result, never an
 * exception: Spark would retry it, and it would fail again the same way.
 *
 * <pre>{@code
 * byte[] b = UnitResult.done(sweepWorkDone);            // on the executor
 * SweepWork.Done d = UnitResult.read(task, b);           // on the driver; throws IllegalArgumentException for a refusal
 * }</pre>
 */
final class UnitResult {
    private static final int MAGIC = 0x44535055; // "DSPU"
    private static final byte DONE = 0, REFUSED = 1;

    private UnitResult() {
    }

    /** A unit that ran. */
    static byte[] done(SweepWork.Done d) {
        return write(out -> {
            out.writeByte(DONE);
            TrialOutcome o = d.outcome();
            out.writeDouble(d.wallSeconds());
            out.writeInt(o.steps().size());
            for (StepRecord s : o.steps()) {
                out.writeLong(s.step());
                out.writeDouble(s.loss());
                out.writeDouble(s.learningRate());
                out.writeDouble(s.gradNorm());
                out.writeDouble(s.seconds());
                out.writeBoolean(s.skipped());
            }
            out.writeInt(o.validations().size());
            for (Evaluation e : o.validations()) {
                evaluation(out, e);
            }
            out.writeBoolean(o.test() != null);
            if (o.test() != null) {
                evaluation(out, o.test());
            }
            Divergence.Event v = o.divergence();
            out.writeBoolean(v != null);
            if (v != null) {
                out.writeLong(v.step());
                out.writeUTF(v.cause().name());
                out.writeDouble(v.loss());
                out.writeDouble(v.limit());
                out.writeUTF(v.message());
            }
            out.writeDouble(o.trainSeconds());
            out.writeDouble(o.cpuSeconds());
            out.writeBoolean(o.checkpoint() != null);
            if (o.checkpoint() != null) {
                o.checkpoint().write(out);
            }
        });
    }

    /** A unit that cannot run, and why (a sentence a user can act on). */
    static byte[] refused(String why) {
        return write(out -> {
            out.writeByte(REFUSED);
            out.writeUTF(why.length() > 20_000 ? why.substring(0, 20_000) : why);
        });
    }

    /**
     * The unit {@code task} as the executor sent it back.
     *
     * @throws IllegalArgumentException if the executor refused it, with its reason
     */
    static SweepWork.Done read(SweepTask task, byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != MAGIC) {
            throw new IOException(task.label() + ": the executor's answer is not a descent unit result");
        }
        if (in.readByte() == REFUSED) {
            throw new IllegalArgumentException(in.readUTF());
        }
        double wall = in.readDouble();
        int n = in.readInt();
        List<StepRecord> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(new StepRecord(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readBoolean()));
        }
        int m = in.readInt();
        List<Evaluation> validations = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            validations.add(evaluation(in));
        }
        Evaluation test = in.readBoolean() ? evaluation(in) : null;
        Divergence.Event divergence = in.readBoolean()
                ? new Divergence.Event(in.readLong(), Divergence.Cause.valueOf(in.readUTF()), in.readDouble(), in.readDouble(), in.readUTF())
                : null;
        double train = in.readDouble(), cpu = in.readDouble();
        Checkpoint end = in.readBoolean() ? Checkpoint.read(in) : null;
        return SweepWork.Done.of(task, new TrialOutcome(steps, validations, test, divergence, train, cpu, end), wall);
    }

    private static void evaluation(DataOutputStream out, Evaluation e) throws IOException {
        out.writeLong(e.step());
        out.writeDouble(e.loss());
        out.writeDouble(e.accuracy());
        out.writeInt(e.examples());
    }

    private static Evaluation evaluation(DataInputStream in) throws IOException {
        return new Evaluation(in.readLong(), in.readDouble(), in.readDouble(), in.readInt());
    }

    /** A checkpoint as bytes, to travel with a task. */
    static byte[] bytes(Checkpoint c) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            c.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return b.toByteArray();
    }

    static Checkpoint checkpoint(byte[] bytes) throws IOException {
        return Checkpoint.read(new ByteArrayInputStream(bytes));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeInt(MAGIC);
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return b.toByteArray();
    }
}
