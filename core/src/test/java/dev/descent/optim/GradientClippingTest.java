package dev.descent.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gradient clipping by global norm and by value. */
class GradientClippingTest {

    @Test
    void byGlobalNorm_rescalesOnlyAboveTheLimit() {
        GradientClipping clip = GradientClipping.byGlobalNorm(1.0);
        Optimizer o = GradientChain.of(new Sgd(), clip);
        float[] p = {0f, 0f};
        o.step(p, new float[] {3f, 4f}, 1.0);          // ‖g‖ = 5 → g·(1/5) = (0.6, 0.8)
        assertArrayEquals(new float[] {-0.6f, -0.8f}, p, 1e-7f);
        o.step(p, new float[] {0.3f, 0.4f}, 1.0);      // ‖g‖ = 0.5 ≤ 1: unchanged
        assertArrayEquals(new float[] {-0.9f, -1.2f}, p, 1e-6f);
        assertEquals(1, clip.clippedSteps());
    }

    @Test
    void byValue_clampsEachGradient() {
        Optimizer o = Optimizers.parse("sgd(clip_value=0.5)");
        float[] p = {0f, 0f, 0f};
        o.step(p, new float[] {2f, -3f, 0.25f}, 1.0);
        assertArrayEquals(new float[] {-0.5f, 0.5f, -0.25f}, p);
    }
}
