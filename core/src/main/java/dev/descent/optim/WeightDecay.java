package dev.descent.optim;

/**
 * Weight decay, shared by every optimizer: written once here, applied inside each optimizer's fused loop
 * through two per-step scalars.
 *
 * <pre>
 * coupled (L2, PyTorch weight_decay):     g ← g + λ·θ             then the optimizer's update
 * decoupled (AdamW, Lion):                θ ← θ·(1 − lr·λ)         then the optimizer's update
 * </pre>
 *
 * Decoupled decay follows Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019,
 * in the form PyTorch, Optax and Keras use: the decay is scaled by the learning rate of the step (the
 * paper scales it by the schedule multiplier η_t only).
 *
 * @param coefficient λ, in {@code [0, inf)}
 * @param mode        coupled or decoupled
 */
public record WeightDecay(double coefficient, Mode mode) {

    /** No weight decay. */
    public static final WeightDecay NONE = new WeightDecay(0, Mode.COUPLED);

    /** Where λ·θ enters the update. */
    public enum Mode implements Documented {
        @Description("L2: g ← g + λ·θ before the update (PyTorch weight_decay, TF-Java/Keras via the loss)") COUPLED,
        @Description("θ ← θ·(1 − lr·λ) before the update (AdamW, Lion; PyTorch AdamW, Optax, Keras)") DECOUPLED
    }

    public WeightDecay {
        Checks.nonNegative("weight_decay", coefficient);
        Checks.notNull("weight_decay_mode", mode);
    }

    public static WeightDecay coupled(double coefficient) {
        return new WeightDecay(coefficient, Mode.COUPLED);
    }

    public static WeightDecay decoupled(double coefficient) {
        return new WeightDecay(coefficient, Mode.DECOUPLED);
    }

    /** Multiplier of θ added to the gradient: λ when coupled, else 0. */
    public float l2() {
        return mode == Mode.COUPLED ? (float) coefficient : 0f;
    }

    /** Factor θ is multiplied by before the update: {@code 1 − lr·λ} when decoupled, else exactly 1. */
    public float keep(double learningRate) {
        return mode == Mode.DECOUPLED ? (float) (1 - learningRate * coefficient) : 1f;
    }
}
