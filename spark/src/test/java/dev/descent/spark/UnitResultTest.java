package dev.descent.spark;

import dev.descent.optim.OptimizerState;
import dev.descent.problem.TrialOutcome;
import dev.descent.spec.Spec;
import dev.descent.sweep.SweepTask;
import dev.descent.sweep.SweepWork;
import dev.descent.train.Checkpoint;
import dev.descent.train.Divergence;
import dev.descent.train.Evaluation;
import dev.descent.train.StepRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A unit's outcome travels from an executor to the driver bit for bit; a refusal arrives as the driver's bad input. */
class UnitResultTest {
    static final SweepTask TASK = new SweepTask(SweepTask.Kind.TRIAL, "mnist-logreg", "adam", 3, 1, Spec.of("point", Map.of("lr", 0.01)),
            1, 2, 6, false, true);

    @Test
    void done_readsBackEveryNumberToTheBit_andTheCheckpointByteForByte() throws IOException {
        double odd = Math.nextUp(0.1); // not the double nearest a short decimal
        List<StepRecord> steps = List.of(new StepRecord(3, odd, 0.01, 1e-300, 0.5, false), new StepRecord(4, -0.0, 0.01, Double.MIN_VALUE, 0.75, true),
                new StepRecord(5, Double.POSITIVE_INFINITY, 0.01, Double.NaN, 1.0, false));
        List<Evaluation> validations = List.of(new Evaluation(4, 0.3, 0.91, 5000));
        Checkpoint end = new Checkpoint(6, new float[]{1.5f, -0f, Float.MIN_VALUE}, new OptimizerState("adam", 6, new float[][]{{1, 2, 3}, {4, 5, 6}},
                new double[]{0.9}), 2.3, new long[]{4});
        Divergence.Event event = new Divergence.Event(5, Divergence.Cause.NON_FINITE_LOSS, Double.POSITIVE_INFINITY, Double.NaN, "the loss became Infinity");
        TrialOutcome o = new TrialOutcome(steps, validations, new Evaluation(6, 0.25, 0.93, 10000), event, 1.25, 2.5, end);
        SweepWork.Done sent = SweepWork.Done.of(TASK, o, 3.75);

        SweepWork.Done got = UnitResult.read(TASK, UnitResult.done(sent));

        assertEquals(sent.rows(), got.rows());
        assertEquals(steps, got.outcome().steps());
        assertEquals(Double.doubleToRawLongBits(odd), Double.doubleToRawLongBits(got.outcome().steps().get(0).loss()));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(got.outcome().steps().get(1).loss()));
        assertEquals(validations, got.outcome().validations());
        assertEquals(o.test(), got.outcome().test());
        assertEquals(event, got.outcome().divergence());
        assertEquals(1.25, got.outcome().trainSeconds());
        assertEquals(2.5, got.outcome().cpuSeconds());
        assertEquals(3.75, got.wallSeconds());
        assertArrayEquals(UnitResult.bytes(end), UnitResult.bytes(got.outcome().checkpoint()));
    }

    @Test
    void done_withoutTestDivergenceOrCheckpoint_readsBackWithout() throws IOException {
        TrialOutcome o = new TrialOutcome(List.of(new StepRecord(3, 1, 0.01, 1, 0.5, false)), List.of(), null, null, 0, 0, null);
        SweepWork.Done got = UnitResult.read(TASK, UnitResult.done(SweepWork.Done.of(TASK, o, 0)));
        assertNull(got.outcome().test());
        assertNull(got.outcome().divergence());
        assertNull(got.outcome().checkpoint());
        assertEquals(o.steps(), got.outcome().steps());
    }

    @Test
    void refused_isTheDriversBadInputWithTheExecutorsReason() {
        var e = assertThrows(IllegalArgumentException.class, () -> UnitResult.read(TASK, UnitResult.refused("executor n7 cannot find the data")));
        assertEquals("executor n7 cannot find the data", e.getMessage());
    }

    @Test
    void bytesOfSomethingElse_areRefusedAsNoUnitResult() {
        var e = assertThrows(IOException.class, () -> UnitResult.read(TASK, new byte[]{1, 2, 3, 4, 5}));
        assertEquals(TASK.label() + ": the executor's answer is not a descent unit result", e.getMessage());
    }
}
