package dev.descent.optim;

/**
 * NAdam: Adam with Nesterov momentum and Dozat's momentum schedule.
 *
 * <pre>
 * μ_t = β1 · (1 − ½ · 0.96^(t·ψ))          ψ = momentum_decay
 * Π_t = Π_{t−1} · μ_t                       (Π_0 = 1)
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * d = √(v / (1 − β2ᵗ)) + ε
 * θ ← θ − lr · (1 − μ_t)/(1 − Π_t) · g/d − lr · μ_{t+1}/(1 − Π_t·μ_{t+1}) · m/d
 * </pre>
 *
 * <p>Dozat, "Incorporating Nesterov Momentum into Adam", ICLR 2016 workshop; its schedule uses
 * 0.96^(t/250), hence ψ = 0.004 (also PyTorch's and legacy Keras' default; some later Keras versions use
 * 0.96^t, i.e. {@code momentum_decay=1}). Convention
 * {@code pytorch_1_13} reproduces torch &lt; 2.0, which used Π_t·μ_t·μ_{t+1} in the last denominator
 * (fixed in later releases); {@code keras} is the paper's form.
 */
public final class Nadam extends AbstractOptimizer {

    /** The denominator of the momentum term. */
    public enum Convention implements Documented {
        @Description("1 − Π_t·μ_{t+1} (Dozat 2016, Keras, torch >= 2.0)") KERAS,
        @Description("1 − Π_t·μ_t·μ_{t+1}, reproducing torch.optim.NAdam before 2.0") PYTORCH_1_13
    }

    /** Hyperparameters, validated. */
    public record Config(
            @Hyperparameter(value = "first-moment decay β1", range = Checks.UNIT) double beta1,
            @Hyperparameter(value = "second-moment decay β2", range = Checks.UNIT) double beta2,
            @Hyperparameter(value = "ε added to √v̂", range = Checks.POSITIVE) double epsilon,
            @Hyperparameter(value = "ψ in μ_t = β1·(1 − ½·0.96^(t·ψ))", range = Checks.NON_NEGATIVE) double momentumDecay,
            @Hyperparameter("momentum-term denominator") Convention convention) {

        public static final Config DEFAULTS = new Config(0.9, 0.999, 1e-8, 0.004, Convention.KERAS);

        public Config {
            Checks.inUnitInterval("beta1", beta1);
            Checks.inUnitInterval("beta2", beta2);
            Checks.positive("epsilon", epsilon);
            Checks.nonNegative("momentum_decay", momentumDecay);
            Checks.notNull("convention", convention);
        }
    }

    private final Config config;
    private double muProduct = 1;
    private float c2, coefG, coefM;

    public Nadam(Config config) {
        this(config, WeightDecay.NONE);
    }

    public Nadam(Config config, WeightDecay weightDecay) {
        super("nadam", config, weightDecay, 2);
        this.config = config;
    }

    private double mu(long t) {
        return config.beta1() * (1 - 0.5 * Math.pow(0.96, t * config.momentumDecay()));
    }

    @Override
    protected void beginStep(long t) {
        double mu = mu(t), muNext = mu(t + 1);
        muProduct *= mu;
        double muProductNext = config.convention() == Convention.PYTORCH_1_13 ? muProduct * mu * muNext : muProduct * muNext;
        c2 = (float) BiasCorrection.of(config.beta2(), t);
        coefG = (float) ((1 - mu) / (1 - muProduct));
        coefM = (float) (muNext / (1 - muProductNext));
    }

    @Override
    protected void apply(float[] p, float[] grads, float[][] s, int from, int to, float lr, float l2, float keep) {
        float[] m = s[0], v = s[1];
        float b1 = (float) config.beta1(), b2 = (float) config.beta2(), eps = (float) config.epsilon();
        float stepG = lr * coefG, stepM = lr * coefM;
        for (int i = from; i < to; i++) {
            float g = grads[i] + l2 * p[i];
            float mi = b1 * m[i] + (1 - b1) * g;
            float vi = b2 * v[i] + (1 - b2) * g * g;
            m[i] = mi;
            v[i] = vi;
            float d = (float) Math.sqrt(vi / c2) + eps;
            float q = p[i] * keep - stepG * (g / d);
            p[i] = q - stepM * (mi / d);
        }
    }

    @Override
    protected double[] scalars() {
        return new double[] {muProduct};
    }

    @Override
    protected void restoreScalars(double[] scalars) {
        muProduct = scalars == null ? 1 : scalars[0];
    }
}
