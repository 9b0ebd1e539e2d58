package dev.descent.optim;

import dev.descent.optim.contrib.ScheduleFreeSgd;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schedule-Free's train/eval switch, and its average against a hand computation. */
class ScheduleFreeTest {

    /**
     * With r = 0 and weight_lr_power = 0 every weight is 1, so c_t = 1/t and x is the plain mean of z₁..z_t.
     * A constant gradient g makes z_t = θ₀ − t·lr·g, so x_t = θ₀ − lr·g·(t + 1)/2 and y = β·x + (1 − β)·z.
     */
    @Test
    void average_withUnitWeights_isTheMeanOfZ() {
        Optimizer sf = Optimizers.parse("schedule_free_sgd(momentum=0.75, r=0, weight_lr_power=0)");
        float[] p = {2f};
        double lr = 0.125, g = 0.5;
        for (int t = 1; t <= 7; t++) {
            sf.step(p, new float[] {(float) g}, lr);
            double z = 2 - t * lr * g, x = 2 - lr * g * (t + 1) / 2;
            assertEquals(0.75 * x + 0.25 * z, p[0], 1e-6, "y at step " + t);
            sf.toEval(p);
            assertEquals(x, p[0], 1e-6, "x at step " + t);
            sf.toTrain(p);
        }
    }

    @Test
    void toEvalThenToTrain_restoresTheParametersBitForBit() {
        Optimizer sf = Optimizers.parse("schedule_free_adamw(clip_norm=10)");   // through a chain, too
        float[] p = {0.5f, -1f, 2f};
        for (int t = 0; t < 5; t++) {
            sf.step(p, new float[] {0.3f, -0.2f * t, 1f}, 0.01);
        }
        float[] y = p.clone();
        sf.toEval(p);
        float[] x = p.clone();
        sf.toEval(p);                                    // already in eval mode: nothing changes
        assertArrayEquals(x, p);
        assertTrue(x[0] != y[0], "x and y differ after steps");
        sf.toTrain(p);
        assertArrayEquals(OptimizerStateTest.bits(y), OptimizerStateTest.bits(p));
        sf.toTrain(p);
        assertArrayEquals(OptimizerStateTest.bits(y), OptimizerStateTest.bits(p));
    }

    @Test
    void step_inEvalMode_isRejectedAndChangesNothing() {
        ScheduleFreeSgd sf = new ScheduleFreeSgd(ScheduleFreeSgd.Config.DEFAULTS);
        float[] p = {1f, 2f};
        sf.step(p, new float[] {1f, 1f}, 0.1);
        sf.toEval(p);
        OptimizerState before = sf.state();
        float[] shown = p.clone();
        String m = assertThrows(IllegalStateException.class, () -> sf.step(p, new float[] {1f, 1f}, 0.1)).getMessage();
        assertTrue(m.contains("eval mode") && m.contains("toTrain"), m);
        assertEquals(before, sf.state());
        assertArrayEquals(shown, p);
        assertTrue(sf.inEvalMode());
    }

    @Test
    void toEval_beforeAnyStep_leavesTheParameters() {
        Optimizer sf = Optimizers.parse("schedule_free_sgd");
        float[] p = {1f, 2f};
        sf.toEval(p);
        assertArrayEquals(new float[] {1f, 2f}, p);
        sf.toTrain(p);
        sf.step(p, new float[] {1f, 1f}, 0.1);
        assertTrue(p[0] < 1f);
    }

    /** A checkpoint taken in eval mode (params hold x) continues exactly once restored and switched back. */
    @Test
    void restore_ofStateSavedInEvalMode_continuesBitIdentically() throws IOException {
        GoldenTrajectoryTest.Problem problem = GoldenTrajectoryTest.problem();
        String spec = "schedule_free_adamw(warmup_steps=3, weight_decay=0.1)";
        Optimizer straight = Optimizers.parse(spec);
        float[] p = problem.initial().clone(), saved = null;
        OptimizerState state = null;
        for (int t = 0; t < problem.grads().length; t++) {
            if (t == 9) {
                straight.toEval(p);
                saved = p.clone();
                state = OptimizerStateTest.throughBytes(straight.state());
                straight.toTrain(p);
            }
            straight.step(p, problem.grads()[t].clone(), problem.lr()[t]);
        }
        Optimizer resumed = Optimizers.parse(spec);
        resumed.restore(state);
        float[] q = saved;
        resumed.toTrain(q);
        for (int t = 9; t < problem.grads().length; t++) {
            resumed.step(q, problem.grads()[t].clone(), problem.lr()[t]);
        }
        assertArrayEquals(OptimizerStateTest.bits(p), OptimizerStateTest.bits(q));
    }

    /** The eval goldens say something the train goldens do not: x and y differ by far more than the tolerance. */
    @Test
    void evalRows_differFromTrainRows() throws IOException {
        GoldenTrajectoryTest.Problem problem = GoldenTrajectoryTest.problem();
        for (String spec : new String[] {"schedule_free_sgd", "schedule_free_adamw"}) {
            float[][] y = GoldenTrajectoryTest.replay(Optimizers.parse(spec), problem, null, false);
            float[][] x = GoldenTrajectoryTest.replay(Optimizers.parse(spec), problem, null, true);
            double diff = GoldenTrajectoryTest.maxRelativeError(x, y);
            assertTrue(diff > 10 * GoldenTrajectoryTest.TOLERANCE, spec + ": x and y differ by only " + diff);
        }
    }

    @Test
    void otherOptimizers_ignoreTheSwitch() {
        Optimizer adam = Optimizers.parse("adam(clip_norm=1)");
        float[] p = {1f, 2f};
        adam.step(p, new float[] {1f, 1f}, 0.1);
        float[] before = p.clone();
        adam.toEval(p);
        assertArrayEquals(before, p);
        adam.step(p, new float[] {1f, 1f}, 0.1);   // no eval mode to leave
    }
}
