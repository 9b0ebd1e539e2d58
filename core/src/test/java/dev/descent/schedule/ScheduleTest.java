package dev.descent.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Hand-computed values at the points where each schedule changes behaviour, and the validation messages. */
class ScheduleTest {
    private static final double EPS = 1e-15;

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void constant_sameEverywhere() {
        Schedule s = Schedule.constant(0.01);
        assertEquals(0.01, s.at(0));
        assertEquals(0.01, s.at(1_000_000));
        assertEquals("constant(lr=0.01)", s.toString());
        assertMessage("lr must be finite and >= 0, got -1.0", () -> Schedule.constant(-1));
    }

    @Test
    void stepDecay_firstDropOneEpochEarly() {
        // Keras example: lr · drop^floor((1 + epoch) / epochs_drop); halve every 4 epochs, 10 steps per epoch.
        Schedule s = Schedule.stepDecay(0.1, 0.5, 4, 10);
        assertEquals(0.1, s.at(0));
        assertEquals(0.1, s.at(29)); // epoch 2: floor(3/4) = 0
        assertEquals(0.05, s.at(30)); // epoch 3: floor(4/4) = 1, the first drop
        assertEquals(0.05, s.at(69)); // epoch 6: floor(7/4) = 1
        assertEquals(0.025, s.at(70)); // epoch 7: floor(8/4) = 2
        assertEquals("step_decay(lr=0.1, drop=0.5, epochs_drop=4, steps_per_epoch=10)", s.toString());
    }

    @Test
    void stepDecay_kerasExampleWithRealEpochsDrop() {
        // The published example: initial 0.1, drop 0.5, epochs_drop 10.0, one step per epoch.
        Schedule s = Schedule.stepDecay(0.1, 0.5, 10.0, 1);
        assertEquals(0.1, s.at(8));
        assertEquals(0.05, s.at(9));
        assertEquals(0.05, s.at(18));
        assertEquals(0.025, s.at(19));
    }

    @Test
    void stepDecay_invalid() {
        assertMessage("drop must be in (0, 1], got 0.0", () -> Schedule.stepDecay(0.1, 0, 4, 10));
        assertMessage("epochs_drop must be finite and > 0, got 0.0", () -> Schedule.stepDecay(0.1, 0.5, 0, 10));
        assertMessage("steps_per_epoch must be > 0, got 0", () -> Schedule.stepDecay(0.1, 0.5, 4, 0));
    }

    @Test
    void staircase_dropsAtMultiplesOfDecaySteps() {
        Schedule s = Schedule.staircase(0.1, 0.5, 3);
        assertEquals(0.1, s.at(0));
        assertEquals(0.1, s.at(2));
        assertEquals(0.05, s.at(3));
        assertEquals(0.025, s.at(6));
        assertEquals("exponential(lr=0.1, rate=0.5, decay_steps=3, staircase=true)", s.toString());
    }

    @Test
    void exponential_continuousBetweenDecaySteps() {
        Schedule s = Schedule.exponential(0.1, 0.5, 2);
        assertEquals(0.1, s.at(0));
        assertEquals(0.1 * Math.sqrt(0.5), s.at(1), EPS);
        assertEquals(0.05, s.at(2), EPS);
        assertMessage("decay_steps must be > 0, got 0", () -> Schedule.exponential(0.1, 0.5, 0));
        assertMessage("rate must be finite and > 0, got 0.0", () -> Schedule.exponential(0.1, 0, 10));
    }

    @Test
    void piecewiseConstant_boundaryKeepsEarlierValue() {
        Schedule s = Schedule.piecewiseConstant(new long[] {10, 20}, new double[] {1, 0.5, 0.1});
        assertEquals(1, s.at(0));
        assertEquals(1, s.at(10)); // TF: step <= boundaries[0] -> values[0]
        assertEquals(0.5, s.at(11));
        assertEquals(0.5, s.at(20));
        assertEquals(0.1, s.at(21));
        assertEquals(0.1, s.at(1_000));
        assertEquals("piecewise_constant(boundaries=[10, 20], values=[1, 0.5, 0.1])", s.toString());
    }

    @Test
    void piecewiseConstant_invalid() {
        assertMessage("values must have one more entry than boundaries, got 2 values for 2 boundaries",
                () -> Schedule.piecewiseConstant(new long[] {1, 2}, new double[] {1, 2}));
        assertMessage("boundaries must be strictly increasing, got [5, 5]",
                () -> Schedule.piecewiseConstant(new long[] {5, 5}, new double[] {1, 2, 3}));
        assertMessage("values[1] must be finite and >= 0, got NaN",
                () -> Schedule.piecewiseConstant(new long[] {5}, new double[] {1, Double.NaN}));
    }

    @Test
    void inverseTime_oneOverT() {
        Schedule s = Schedule.inverseTime(1.0, 0.5);
        assertEquals(1.0, s.at(0));
        assertEquals(0.5, s.at(2));
        assertEquals(0.25, s.at(6));
        assertEquals("inverse_time(lr=1, rate=0.5, decay_steps=1, staircase=false)", s.toString());
    }

    @Test
    void inverseTimeDecay_tfFormContinuousAndStaircase() {
        assertEquals(0.08, Schedule.inverseTimeDecay(0.1, 0.5, 10, false).at(5), EPS);
        Schedule stairs = Schedule.inverseTimeDecay(0.1, 0.5, 10, true);
        assertEquals(0.1, stairs.at(9));
        assertEquals(0.1 / 1.5, stairs.at(10), EPS);
        assertEquals(0.1 / 1.5, stairs.at(19), EPS);
        assertEquals(0.05, stairs.at(20), EPS);
    }

    @Test
    void polynomial_holdsEndAfterDecaySteps() {
        Schedule linear = Schedule.polynomial(0.1, 10, 0.01, 1, false);
        assertEquals(0.1, linear.at(0));
        assertEquals(0.055, linear.at(5), EPS);
        assertEquals(0.01, linear.at(10), EPS);
        assertEquals(0.01, linear.at(15), EPS);
        assertEquals(0.09 * 0.25 + 0.01, Schedule.polynomial(0.1, 10, 0.01, 2, false).at(5), EPS);
    }

    @Test
    void polynomial_cycleExtendsHorizonAfterEachMultiple() {
        Schedule s = Schedule.polynomial(0.1, 10, 0.01, 1, true);
        assertEquals(0.1, s.at(0));
        assertEquals(0.01, s.at(10), EPS); // ceil(10/10) = 1: still the first cycle
        assertEquals(0.09 * (1 - 11 / 20.0) + 0.01, s.at(11), EPS); // horizon 20
        assertEquals(0.01, s.at(20), EPS);
        assertMessage("power must be finite and > 0, got 0.0", () -> Schedule.polynomial(0.1, 10, 0, 0, false));
    }

    @Test
    void cosine_endsAtAlphaTimesLr() {
        Schedule s = Schedule.cosine(0.1, 10, 0.1);
        assertEquals(0.1, s.at(0), EPS);
        assertEquals(0.1 * (0.9 * 0.5 + 0.1), s.at(5), EPS);
        assertEquals(0.01, s.at(10), EPS);
        assertEquals(0.01, s.at(20), EPS);
        assertMessage("alpha must be in [0, 1], got 2.0", () -> Schedule.cosine(0.1, 10, 2));
    }

    @Test
    void cosineWarmRestarts_peaksAtRestartSteps() {
        Schedule s = Schedule.cosineWarmRestarts(1.0, 10, 2, 0.5, 0);
        assertEquals(1.0, s.at(0));
        assertEquals(0.5, s.at(5), EPS);
        assertEquals(0.5 * (1 + Math.cos(0.9 * Math.PI)), s.at(9), EPS);
        assertEquals(0.5, s.at(10), EPS); // first restart, peak m_mul^1
        assertEquals(0.25, s.at(20), EPS); // halfway through the 20-step period
        assertEquals(0.5 * 0.5 * (1 + Math.cos(19 * Math.PI / 20)), s.at(29), EPS); // peak 0.5, period 20
        assertEquals(0.25, s.at(30), EPS); // second restart after 10 + 20 steps
        assertEquals("cosine_restarts(lr=1, first_decay_steps=10, t_mul=2, m_mul=0.5, alpha=0)", s.toString());
    }

    @Test
    void cosineWarmRestarts_agreesWithTensorFlowsClosedForm() {
        // TF CosineDecayRestarts finds the period with logarithms; away from the restart steps it must agree.
        double lr = 0.3;
        long first = 4;
        double tMul = 1.5;
        double mMul = 0.8;
        double alpha = 0.05;
        Schedule s = Schedule.cosineWarmRestarts(lr, first, tMul, mMul, alpha);
        for (long step = 0; step < 200; step++) {
            double f = (double) step / first;
            double i = Math.floor(Math.log(1 - f * (1 - tMul)) / Math.log(tMul));
            double sum = (1 - Math.pow(tMul, i)) / (1 - tMul);
            double frac = (f - sum) / Math.pow(tMul, i);
            double expected = lr * ((1 - alpha) * 0.5 * Math.pow(mMul, i) * (1 + Math.cos(Math.PI * frac)) + alpha);
            assertEquals(expected, s.at(step), 1e-12, "step " + step);
        }
    }

    @Test
    void cosineWarmRestarts_invalid() {
        assertMessage("t_mul must be finite and >= 1, got 0.5", () -> Schedule.cosineWarmRestarts(1, 10, 0.5, 1, 0));
        assertMessage("first_decay_steps must be > 0, got 0", () -> Schedule.cosineWarmRestarts(1, 0, 2, 1, 0));
    }

    @Test
    void oneCycle_startPeakAndEnd() {
        Schedule s = Schedule.oneCycle(0.1, 50, 0.3, 25, 1e4);
        assertEquals(0.004, s.at(0), EPS);
        assertEquals(0.1, s.at(14), EPS); // peak at pct_start · total − 1 = 14
        assertEquals(4e-7, s.at(49), EPS);
        assertEquals(4e-7, s.at(500), EPS); // PyTorch raises here; this holds the final rate
        assertEquals("one_cycle(max_lr=0.1, total_steps=50, pct_start=0.3, div_factor=25, final_div_factor=10000)",
                s.toString());
    }

    @Test
    void oneCycle_invalid() {
        assertMessage("pct_start must be in (0, 1), got 1.0", () -> Schedule.oneCycle(0.1, 50, 1.0, 25, 1e4));
        assertMessage("pct_start · total_steps must be > 1 so the rising phase spans a step, got 0.3 · 3 = 0.8999999999999999",
                () -> Schedule.oneCycle(0.1, 3, 0.3, 25, 1e4));
    }

    @Test
    void withWarmup_rampsToWrappedFirstRateThenRestartsItsSteps() {
        Schedule c = Schedule.constant(0.1).withWarmup(4, 0);
        assertEquals(0, c.at(0));
        assertEquals(0.025, c.at(1), EPS);
        assertEquals(0.075, c.at(3), EPS);
        assertEquals(0.1, c.at(4), EPS);

        Schedule cos = Schedule.cosine(0.1, 10, 0).withWarmup(5, 0.01);
        assertEquals(0.01, cos.at(0), EPS);
        assertEquals(0.1, cos.at(5), EPS); // end of warmup = cosine's step 0
        assertEquals(0.05, cos.at(10), EPS); // cosine's step 5
        assertEquals(0, cos.at(15), EPS);
        assertEquals("cosine(lr=0.1, decay_steps=10, alpha=0, warmup_steps=5, warmup_start=0.01)", cos.toString());
    }

    @Test
    void withWarmup_zeroStepsIsIdentity() {
        Schedule s = Schedule.cosine(0.1, 10, 0);
        assertSame(s, s.withWarmup(0, 0));
        assertMessage("warmup_steps must be >= 0, got -1", () -> s.withWarmup(-1, 0));
    }

    @Test
    void join_laterScheduleStartsFromItsOwnStepZero() {
        Schedule s = Schedule.join(List.of(Schedule.constant(1), Schedule.staircase(0.5, 0.1, 2), Schedule.constant(7)),
                3, 7);
        assertEquals(1, s.at(2));
        assertEquals(0.5, s.at(3)); // boundary belongs to the later schedule, at its step 0
        assertEquals(0.5, s.at(4));
        assertEquals(0.05, s.at(5), EPS);
        assertEquals(7, s.at(7));
        assertEquals("join(schedules=[constant(lr=1), exponential(lr=0.5, rate=0.1, decay_steps=2, staircase=true), "
                + "constant(lr=7)], boundaries=[3, 7])", s.toString());
    }

    @Test
    void join_invalid() {
        assertMessage("boundaries must have one fewer entry than schedules, got 2 boundaries for 2 schedules",
                () -> Schedule.join(List.of(Schedule.constant(1), Schedule.constant(2)), 3, 4));
        assertMessage("boundaries must be strictly increasing, got [4, 3]",
                () -> Schedule.join(List.of(Schedule.constant(1), Schedule.constant(2), Schedule.constant(3)), 4, 3));
    }

    @Test
    void epochs_convertAndHoldPerEpoch() {
        Epochs e = new Epochs(10);
        assertEquals(25, e.toSteps(2.5));
        assertEquals(2, e.epochOf(29));
        Schedule s = e.perEpoch(Schedule.staircase(0.1, 0.5, 2));
        assertEquals(0.1, s.at(19));
        assertEquals(0.05, s.at(20));
        assertMessage("steps_per_epoch must be > 0, got 0", () -> new Epochs(0));
    }
}
