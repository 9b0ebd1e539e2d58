package dev.descent.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Coupled (L2) and decoupled (AdamW) weight decay. */
class WeightDecayTest {

    @Test
    void step_coupledVsDecoupled_differForAdam() {
        float[] coupled = {1f}, decoupled = {1f};
        new Adam(Adam.Config.DEFAULTS, WeightDecay.coupled(1)).step(coupled, new float[] {0f}, 0.1);
        new Adam(Adam.Config.DEFAULTS, WeightDecay.decoupled(1)).step(decoupled, new float[] {0f}, 0.1);
        // coupled: g = 0 + 1·1 = 1, Adam's first step moves by lr: 0.9 ; decoupled: 1·(1 − 0.1) = 0.9, then g = 0: 0.9
        assertEquals(0.9f, coupled[0], 1e-6f);
        assertEquals(0.9f, decoupled[0], 1e-6f);
        new Adam(Adam.Config.DEFAULTS, WeightDecay.coupled(1)).step(coupled, new float[] {100f}, 0.1);
        new Adam(Adam.Config.DEFAULTS, WeightDecay.decoupled(1)).step(decoupled, new float[] {100f}, 0.1);
        // first steps of fresh optimizers again, with a large gradient. coupled: the decay drowns in Adam's
        // normalized step (0.9 − 0.1); decoupled: 0.9·(1 − 0.1) − 0.1. Float32 through g² ≈ 1e4: 1e-5.
        assertEquals(0.8f, coupled[0], 1e-5f);
        assertEquals(0.71f, decoupled[0], 1e-5f);
    }
}
