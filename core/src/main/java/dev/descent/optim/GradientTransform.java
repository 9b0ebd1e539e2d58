package dev.descent.optim;

import dev.descent.kernel.WorkerPool;

/**
 * One link of a {@link GradientChain}: a transform of the gradients before the fused update loop, of the
 * proposed update after it, or both — Optax's {@code GradientTransformation}, in place and allocation-free.
 * A link owns its state (counters such as {@link GradientClipping#clippedSteps()}); the chain saves it in
 * {@link OptimizerState} with the update rule's buffers, so a restore is exact.
 *
 * <p>Gradient side ({@link #beforeUpdate}): sees the whole gradient array once per step, may rewrite it in
 * place (clipping) or veto the step (the non-finite guard). Update side ({@link #afterUpdate}, when
 * {@link #transformsUpdate()}): sees, range by range, the parameters and the parameters the update rule
 * proposes, and may rewrite the proposal before it is applied. That is the seam for optimizers built as
 * compositions: LAMB and LARS (a layer-wise trust ratio on Adam's or momentum's update), Muon
 * (orthogonalize momentum's update of a matrix). The ranges are the parameter groups of the step, so
 * {@link ParamGroups#byView} gives one range per layer. For example a trust ratio (LAMB's, without ε; the
 * test {@code GradientChainTest} checks it on SGD against a hand computation):
 *
 * <pre>{@code
 * final class TrustRatio implements GradientTransform {
 *     public boolean transformsUpdate() { return true; }
 *     public void afterUpdate(float[] params, float[] proposed, int from, int to, double lr) {
 *         double w = 0, u = 0;
 *         for (int i = from; i < to; i++) {
 *             double d = proposed[i] - params[i];
 *             w += (double) params[i] * params[i];
 *             u += d * d;
 *         }
 *         double ratio = w > 0 && u > 0 ? Math.sqrt(w / u) * lr : 1;   // ‖θ‖/‖update/lr‖
 *         for (int i = from; i < to; i++) {
 *             proposed[i] = (float) (params[i] + ratio * (proposed[i] - params[i]));
 *         }
 *     }
 *     public String spec() { return "trust_ratio=true"; }
 * }
 * Optimizer lamb = ParamGroups.byView(params, Map.of())          // one range per layer
 *         .bind(GradientChain.of(new Adam(Adam.Config.DEFAULTS), new TrustRatio()));
 * }</pre>
 *
 * <p>A link instance belongs to one chain: its state is that chain's.
 */
public interface GradientTransform {

    /** The state of a link that keeps none. */
    double[] NO_STATE = {};

    /**
     * Before the update: may rewrite {@code step.grads()} in place; returns false to skip the step, which then
     * changes neither the parameters nor the update rule's state (later links do not run).
     */
    default boolean beforeUpdate(Step step) {
        return true;
    }

    /** True if {@link #afterUpdate} is to be called; the chain then keeps one proposal buffer of the parameters' length. */
    default boolean transformsUpdate() {
        return false;
    }

    /**
     * After the update rule ran on {@code [from, to)} (one parameter group): {@code params} still holds the
     * parameters, {@code proposed} what the rule would write; rewrite {@code proposed[from, to)} to change
     * what is applied.
     *
     * @param learningRate the learning rate of this range (the step's times the group's multiplier)
     */
    default void afterUpdate(float[] params, float[] proposed, int from, int to, double learningRate) {
    }

    /** A copy of the link's state (counters, scalars); {@link #NO_STATE} if it keeps none. */
    default double[] state() {
        return NO_STATE;
    }

    /** Replaces the state by what {@link #state()} returned; {@code null} restores the initial state. */
    default void restore(double[] state) {
    }

    /** The {@code key=value} this link adds to the optimizer's spec, e.g. {@code clip_norm=1.0}. */
    String spec();

    /**
     * What the gradient-side links see of the step in progress. One instance per chain, reused every step,
     * so a step allocates nothing.
     */
    final class Step {
        private final double[] partial = new double[GlobalNorm.CHUNKS];
        private float[] params;
        private float[] grads;
        private double learningRate;
        private WorkerPool pool;

        Step() {
        }

        void begin(float[] params, float[] grads, double learningRate, WorkerPool pool) {
            this.params = params;
            this.grads = grads;
            this.learningRate = learningRate;
            this.pool = pool;
        }

        public float[] params() {
            return params;
        }

        public float[] grads() {
            return grads;
        }

        public double learningRate() {
            return learningRate;
        }

        /** The global norm of the gradients as they are now, by {@link GlobalNorm}: the bits the trainer logs. */
        public double gradientNorm() {
            return GlobalNorm.of(grads, pool, partial);
        }
    }
}
