package dev.descent.optim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NaN and infinite gradients are reported and skipped, or stop the run, before anything changes. */
class NonFiniteGuardTest {

    @Test
    void skip_nonFiniteGradient_leavesParamsAndStateUntouched() {
        List<String> reports = new ArrayList<>();
        Adam adam = new Adam(Adam.Config.DEFAULTS);
        NonFiniteGuard skip = NonFiniteGuard.skip((step, index, value) -> reports.add(step + ":" + index + ":" + value));
        Optimizer guard = GradientChain.of(adam, skip);
        float[] p = {1f, 2f};
        guard.step(p, new float[] {0.1f, 0.2f}, 0.1);
        float[] before = p.clone();
        OptimizerState state = adam.state();    // the update rule's state; the guard's counters move on
        guard.step(p, new float[] {0.1f, Float.NaN}, 0.1);
        assertArrayEquals(before, p);
        assertEquals(state, adam.state());
        assertEquals(List.of("2:1:NaN"), reports);
        assertEquals(1, skip.skippedSteps());
        guard.step(p, new float[] {Float.POSITIVE_INFINITY, 0f}, 0.1);
        assertEquals(List.of("2:1:NaN", "3:0:Infinity"), reports);
    }

    @Test
    void stop_nonFiniteGradient_throwsBeforeAnythingChanges() {
        Optimizer o = Optimizers.parse("adam(on_nonfinite=stop)");
        float[] p = {1f, 2f};
        var e = assertThrows(NonFiniteGuard.NonFiniteGradientException.class, () -> o.step(p, new float[] {0f, Float.NEGATIVE_INFINITY}, 0.1));
        assertEquals("gradient 1 is -Infinity at step 1; parameters left unchanged", e.getMessage());
        assertArrayEquals(new float[] {1f, 2f}, p);
        assertEquals(0, o.state().step());
    }

    @Test
    void nonFiniteLoss_isCountedAsASkippedStep_orStops() {
        List<String> reports = new ArrayList<>();
        NonFiniteGuard skip = NonFiniteGuard.skip((step, index, value) -> reports.add(step + ":" + index + ":" + value));
        Optimizer o = GradientChain.of(new Adam(Adam.Config.DEFAULTS), skip);
        float[] p = {1f};
        o.step(p, new float[] {0.5f}, 0.1);
        skip.nonFiniteLoss(Double.NaN);
        o.step(p, new float[] {Float.NaN}, 0.1);
        assertEquals(List.of("2:-1:NaN", "3:0:NaN"), reports);
        assertEquals(2, skip.skippedSteps());
        assertEquals(NonFiniteGuard.Policy.SKIP, skip.policy());

        NonFiniteGuard stop = NonFiniteGuard.stop();
        var e = assertThrows(NonFiniteGuard.NonFiniteGradientException.class, () -> stop.nonFiniteLoss(Double.POSITIVE_INFINITY));
        assertEquals("the loss is Infinity at step 1; parameters left unchanged", e.getMessage());
        assertEquals(-1, e.index());
    }

    @Test
    void noGuard_nanGradient_propagates() {
        float[] p = {1f};
        Optimizers.parse("adam").step(p, new float[] {Float.NaN}, 0.1);
        assertTrue(Float.isNaN(p[0]));
    }
}
