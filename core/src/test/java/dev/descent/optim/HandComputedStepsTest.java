package dev.descent.optim;

import dev.descent.optim.contrib.AdaBelief;
import dev.descent.optim.contrib.Lion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first two or three updates of each optimizer, worked out by hand in the comments, on one parameter
 * θ₀ = 1 with gradients g₁ = 0.5, g₂ = −0.25 (g₃ = 0 where a third step is needed) and lr = 0.1 unless a
 * test changes it. Values are float32, so the check is relative, 1e-6.
 */
class HandComputedStepsTest {

    private static final float[] G = {0.5f, -0.25f, 0f};

    /** θ after each step, from θ₀ = 1. */
    private static float[] run(Optimizer o, double... lrs) {
        float[] p = {1f};
        float[] out = new float[lrs.length];
        for (int t = 0; t < lrs.length; t++) {
            o.step(p, new float[] {G[t]}, lrs[t]);
            out[t] = p[0];
        }
        return out;
    }

    private static void check(double[] expected, float[] actual) {
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], actual[t], 1e-6 * Math.max(1, Math.abs(expected[t])), "step " + (t + 1));
        }
    }

    @Test
    void sgd_twoSteps() {
        // θ₁ = 1 − 0.1·0.5 = 0.95;  θ₂ = 0.95 − 0.1·(−0.25) = 0.975
        check(new double[] {0.95, 0.975}, run(new Sgd(), 0.1, 0.1));
    }

    @Test
    void sgd_coupledWeightDecay() {
        // g₁ = 0.5 + 0.1·1 = 0.6: θ₁ = 1 − 0.06 = 0.94
        check(new double[] {0.94}, run(new Sgd(WeightDecay.coupled(0.1)), 0.1));
    }

    @Test
    void sgd_decoupledWeightDecay() {
        // θ₁ = 1·(1 − 0.1·0.1) − 0.1·0.5 = 0.99 − 0.05 = 0.94 (equal to coupled for plain SGD, as it should be)
        check(new double[] {0.94}, run(new Sgd(WeightDecay.decoupled(0.1)), 0.1));
    }

    @Test
    void momentum_pytorch_lrChange() {
        // b₁ = 0.5, θ₁ = 1 − 0.1·0.5 = 0.95;  b₂ = 0.9·0.5 − 0.25 = 0.2, θ₂ = 0.95 − 0.05·0.2 = 0.94
        check(new double[] {0.95, 0.94}, run(new Momentum(Momentum.Config.DEFAULTS), 0.1, 0.05));
    }

    @Test
    void momentum_keras_lrChange() {
        // v₁ = −0.1·0.5 = −0.05, θ₁ = 0.95;  v₂ = 0.9·(−0.05) − 0.05·(−0.25) = −0.0325, θ₂ = 0.9175
        Momentum keras = new Momentum(new Momentum.Config(0.9, false, Momentum.Convention.KERAS));
        check(new double[] {0.95, 0.9175}, run(keras, 0.1, 0.05));
    }

    @Test
    void nesterov_pytorch() {
        // b₁ = 0.5, θ₁ = 1 − 0.1·(0.5 + 0.9·0.5) = 0.905;  b₂ = 0.2, θ₂ = 0.905 − 0.1·(−0.25 + 0.18) = 0.912
        check(new double[] {0.905, 0.912}, run(new Momentum(new Momentum.Config(0.9, true, Momentum.Convention.PYTORCH)), 0.1, 0.1));
    }

    @Test
    void nesterov_keras_sameAsPytorchWithConstantLr() {
        // v₁ = −0.05, θ₁ = 1 + 0.9·(−0.05) − 0.05 = 0.905;  v₂ = −0.045 + 0.025 = −0.02, θ₂ = 0.905 − 0.018 + 0.025 = 0.912
        check(new double[] {0.905, 0.912}, run(new Momentum(new Momentum.Config(0.9, true, Momentum.Convention.KERAS)), 0.1, 0.1));
    }

    @Test
    void adagrad_pytorch() {
        // acc₁ = 0.25, θ₁ = 1 − 0.1·0.5/0.5 = 0.9;  acc₂ = 0.3125, θ₂ = 0.9 + 0.025/√0.3125 = 0.9447214
        check(new double[] {0.9, 0.9447213595}, run(new AdaGrad(AdaGrad.Config.DEFAULTS), 0.1, 0.1));
    }

    @Test
    void adagrad_tensorflow() {
        // acc₀ = 0.1, no ε: acc₁ = 0.35, θ₁ = 1 − 0.05/√0.35 = 0.9154846
        check(new double[] {0.9154845745}, run(new AdaGrad(AdaGrad.Config.defaults(AdaGrad.Convention.TENSORFLOW)), 0.1));
    }

    @Test
    void rmsprop_pytorch() {
        // ρ = 0.9: v₁ = 0.025, θ₁ = 1 − 0.05/√0.025 = 0.6837722;  v₂ = 0.0225 + 0.00625 = 0.02875,
        // θ₂ = 0.6837722 + 0.025/√0.02875 = 0.8312142   (ε = 1e-8 is below float32 resolution here)
        RmsProp r = new RmsProp(new RmsProp.Config(0.9, 1e-8, 0, false, 0, RmsProp.Convention.PYTORCH));
        check(new double[] {0.6837722340, 0.8312141901}, run(r, 0.1, 0.1));
    }

    @Test
    void rmsprop_pytorchMomentum() {
        // b₁ = 0.5/√0.025 = 3.1622775, θ₁ = 1 − 0.31622775 = 0.6837722;
        // b₂ = 0.9·3.1622775 − 0.25/√0.02875 = 1.3716302, θ₂ = 0.6837722 − 0.13716302 = 0.5466092
        RmsProp r = new RmsProp(new RmsProp.Config(0.9, 1e-8, 0.9, false, 0, RmsProp.Convention.PYTORCH));
        check(new double[] {0.6837722540, 0.5466092300}, run(r, 0.1, 0.1));
    }

    @Test
    void rmsprop_centered() {
        // v₁ = 0.025, ḡ₁ = 0.05: θ₁ = 1 − 0.05/√(0.025 − 0.0025) = 1 − 0.05/0.15 = 0.6666667;
        // v₂ = 0.02875, ḡ₂ = 0.02: θ₂ = 0.6666667 + 0.025/√(0.02875 − 0.0004) = 0.8151451
        RmsProp r = new RmsProp(new RmsProp.Config(0.9, 1e-8, 0, true, 0, RmsProp.Convention.PYTORCH));
        check(new double[] {0.6666666889, 0.8151451478}, run(r, 0.1, 0.1));
    }

    @Test
    void rmsprop_tensorflowMomentum_lrInside() {
        // v₀ = 1: v₁ = 0.925, mom₁ = 0.1·0.5/√0.925 = 0.0519875, θ₁ = 0.9480125;
        // lr 0.05: v₂ = 0.83875, mom₂ = 0.9·0.0519875 − 0.05·0.25/√0.83875 = 0.0331400, θ₂ = 0.9148725
        RmsProp r = new RmsProp(new RmsProp.Config(0.9, 1e-10, 0.9, false, 1, RmsProp.Convention.TENSORFLOW));
        check(new double[] {0.9480124755, 0.9148724807}, run(r, 0.1, 0.05));
    }

    @Test
    void adam_pytorch() {
        // m₁ = 0.05, v₁ = 0.00025; m̂ = 0.5, v̂ = 0.25: θ₁ = 1 − 0.1·0.5/(0.5 + 1e-8) = 0.9
        // m₂ = 0.045 − 0.025 = 0.02, v₂ = 0.00024975 + 0.0000625 = 0.00031225;
        // m̂ = 0.02/0.19 = 0.1052632, v̂ = 0.00031225/0.001999 = 0.1562031: θ₂ = 0.9 − 0.01052632/0.3952254 = 0.8733663
        check(new double[] {0.9, 0.8733662987}, run(new Adam(Adam.Config.DEFAULTS), 0.1, 0.1));
    }

    @Test
    void adam_epsilonPlacement() {
        // ε = 0.1. pytorch: θ₁ = 1 − 0.1·0.5/(0.5 + 0.1) = 0.9166667
        // tensorflow: lr₁ = 0.1·√0.001/0.1 = 0.0316228, θ₁ = 1 − 0.0316228·0.05/(√0.00025 + 0.1) = 0.9863473
        check(new double[] {0.9166666667}, run(new Adam(new Adam.Config(0.9, 0.999, 0.1, false, Adam.Convention.PYTORCH)), 0.1));
        check(new double[] {0.9863472941}, run(new Adam(new Adam.Config(0.9, 0.999, 0.1, false, Adam.Convention.TENSORFLOW)), 0.1));
    }

    @Test
    void amsgrad_keepsMaximum() {
        // steps 1, 2 as adam_pytorch; g₃ = 0: m₃ = 0.018, v₃ = 0.00031194 < v̄ = 0.00031225 (kept),
        // θ₃ = 0.8733663 − 0.1·(0.018/0.271)/√(0.00031225/0.002997) = 0.8527887
        check(new double[] {0.9, 0.8733662987, 0.8527886655},
                run(new Adam(new Adam.Config(0.9, 0.999, 1e-8, true, Adam.Convention.PYTORCH)), 0.1, 0.1, 0.1));
    }

    @Test
    void adamw_decaysBeforeTheUpdate() {
        // θ₁ = 1·(1 − 0.1·0.5) − 0.1·0.5/0.5 = 0.95 − 0.1 = 0.85
        check(new double[] {0.85}, run(new Adam(Adam.Config.DEFAULTS, WeightDecay.decoupled(0.5)), 0.1));
    }

    @Test
    void nadam_keras() {
        // μ₁ = 0.9·(1 − ½·0.96^0.004) = 0.4500735, μ₂ = 0.4501469; Π₁ = μ₁, Π₁μ₂ = 0.2025992
        // d₁ = √(0.00025/0.001) + 1e-8 = 0.5:  θ₁ = 1 − 0.1·(1 − μ₁)/(1 − Π₁)·0.5/0.5 − 0.1·μ₂/(1 − 0.2025992)·0.05/0.5 = 0.8943548
        // step 2 (Π₂ = 0.2025992, Π₂μ₃ = 0.0912143, d₂ = 0.3952254): θ₂ = 0.9354658
        check(new double[] {0.8943548243, 0.9354657962}, run(new Nadam(Nadam.Config.DEFAULTS), 0.1, 0.1));
    }

    @Test
    void adamax_pytorch() {
        // m₁ = 0.05, u₁ = max(0, 0.5 + 1e-8): θ₁ = 1 − (0.1/0.1)·0.05/0.5 = 0.9
        // m₂ = 0.02, u₂ = max(0.4995, 0.25): θ₂ = 0.9 − (0.1/0.19)·0.02/0.4995 = 0.8789263
        check(new double[] {0.9, 0.8789262947}, run(new Adamax(Adamax.Config.DEFAULTS), 0.1, 0.1));
    }

    @Test
    void adamax_epsilonPlacement() {
        // ε = 1. pytorch: u₁ = 1.5, θ₁ = 1 − 0.05/1.5 = 0.9666667; u₂ = max(1.4985, 1.25), θ₂ = θ₁ − 0.0105263/1.4985 = 0.9596421
        // tensorflow: u₁ = 0.5, θ₁ = 1 − 0.05/(0.5 + 1); u₂ = max(0.4995, 0.25), θ₂ = θ₁ − 0.0105263/(0.4995 + 1) = 0.9596468
        check(new double[] {0.9666666667, 0.9596420982}, run(new Adamax(new Adamax.Config(0.9, 0.999, 1, Adamax.Convention.PYTORCH)), 0.1, 0.1));
        check(new double[] {0.9666666667, 0.9596467828}, run(new Adamax(new Adamax.Config(0.9, 0.999, 1, Adamax.Convention.TENSORFLOW)), 0.1, 0.1));
    }

    @Test
    void adadelta_pytorch() {
        // a₁ = 0.025, Δ₁ = √(0 + 1e-6)/√(0.025 + 1e-6)·0.5 = 0.0031622, θ₁ = 1 − 0.1·Δ₁ = 0.9996838, d₁ = 0.1·Δ₁² = 1e-6
        // a₂ = 0.02875, Δ₂ = √(1e-6 + 1e-6)/√(0.02875 + 1e-6)·(−0.25) = −0.0020851, θ₂ = 0.9998923
        check(new double[] {0.9996837786, 0.9998922873}, run(new AdaDelta(AdaDelta.Config.DEFAULTS), 0.1, 0.1));
    }

    @Test
    void radam_firstStepsAreMomentumSgd() {
        // ρ∞ = 1999; ρ₁ = 1, ρ₂ = 1.9995 ≤ 5, so θ ← θ − lr·m̂:
        // θ₁ = 1 − 0.1·0.5 = 0.95;  θ₂ = 0.95 − 0.1·0.02/0.19 = 0.9394737
        check(new double[] {0.95, 0.9394736842}, run(new RAdam(RAdam.Config.DEFAULTS), 0.1, 0.1));
    }

    @Test
    void lion_movesByLrPerCoordinate() {
        // c₁ = 0.1·0.5 > 0: θ₁ = 1 − 0.1 = 0.9, m₁ = 0.01·0.5 = 0.005
        // c₂ = 0.9·0.005 + 0.1·(−0.25) = −0.0205 < 0: θ₂ = 1.0
        check(new double[] {0.9, 1.0}, run(new Lion(Lion.Config.DEFAULTS), 0.1, 0.1));
    }

    @Test
    void adabelief_twoSteps() {
        // m₁ = 0.05, s₁ = 0.001·(0.5 − 0.05)² = 0.0002025: θ₁ = 1 − 0.1·0.5/√0.2025 = 1 − 0.05/0.45 = 0.8888889
        // m₂ = 0.02, s₂ = 0.999·0.0002025 + 0.001·0.0729 = 0.00027520: θ₂ = 0.8605188
        check(new double[] {0.8888888889, 0.8605188096}, run(new AdaBelief(AdaBelief.Config.DEFAULTS), 0.1, 0.1));
    }
}
