package dev.descent.optim;

/**
 * Keeps NaN or infinite gradients from corrupting the parameters: a {@link GradientTransform}, first in
 * its chain, whose one read-only pass looks for a non-finite gradient; if there is one, the step is either
 * skipped (parameters and the update rule's state untouched, the listener told) or stopped with a
 * {@link NonFiniteGradientException}. Its counters (steps seen, steps skipped) are its state, saved in
 * {@link OptimizerState}, so the step numbers it reports continue exactly after a restore.
 *
 * <p>A non-finite loss is treated the same way: the trainer ({@link dev.descent.train.Trainer}) hands such a
 * step to {@link #nonFiniteLoss} instead of to the optimizer, so with {@code skip} the run goes on with the next
 * batch and with {@code stop} it ends at that step; without a guard a non-finite loss ends the run as diverged.
 *
 * <pre>{@code
 * NonFiniteGuard guard = NonFiniteGuard.skip((step, index, value) -> log.warn(...));
 * Optimizer guarded = GradientChain.of(adam, guard);
 * guarded.step(params, grads, lr);   // a NaN gradient: nothing changes, guard.skippedSteps() grows
 * Optimizer same = Optimizers.parse("adam(on_nonfinite=skip)");
 * }</pre>
 */
public final class NonFiniteGuard implements GradientTransform {

    /** What to do with a non-finite gradient. */
    public enum Policy implements Documented {
        @Description("skip the step: parameters and state untouched, the listener is told") SKIP,
        @Description("throw NonFiniteGradientException before anything changes") STOP
    }

    /** Told about each skipped step. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param step  1-based count of calls to {@code step} on this guard
         * @param index the first non-finite gradient, or −1 when it is the loss that is not finite
         * @param value its value (NaN or ±Infinity)
         */
        void nonFinite(long step, int index, float value);
    }

    /**
     * Thrown by the {@link Policy#STOP} policy; the parameters are unchanged. {@link #index()} is the first
     * non-finite gradient, or −1 when the loss itself was not finite ({@link #nonFiniteLoss}).
     */
    public static final class NonFiniteGradientException extends ArithmeticException {
        private final long step;
        private final int index;

        NonFiniteGradientException(long step, int index, double value) {
            super((index < 0 ? "the loss" : "gradient " + index) + " is " + value + " at step " + step + "; parameters left unchanged");
            this.step = step;
            this.index = index;
        }

        public long step() {
            return step;
        }

        public int index() {
            return index;
        }
    }

    /**
     * Logs each skipped step to {@code System.getLogger("dev.descent.optim")} at DEBUG: the trainer reports the
     * skipped steps in its result (and {@code descent train} in one line), so one warning per step would only flood
     * the terminal; turn the logger up to see each one.
     */
    public static final Listener LOG = (step, index, value) -> System.getLogger("dev.descent.optim")
            .log(System.Logger.Level.DEBUG, "skipped step {0}: {1} is {2}", step, index < 0 ? "the loss" : "gradient " + index, value);

    private final Policy policy;
    private final Listener listener;
    private long calls;
    private long skipped;

    private NonFiniteGuard(Policy policy, Listener listener) {
        this.policy = Checks.notNull(Optimizers.ON_NONFINITE, policy);
        this.listener = Checks.notNull("listener", listener);
    }

    /** Skips steps with a non-finite gradient and tells {@code listener}. */
    public static NonFiniteGuard skip(Listener listener) {
        return new NonFiniteGuard(Policy.SKIP, listener);
    }

    /** Throws {@link NonFiniteGradientException} on a non-finite gradient. */
    public static NonFiniteGuard stop() {
        return new NonFiniteGuard(Policy.STOP, LOG);
    }

    /** {@code policy}, telling {@link #LOG} about skipped steps. */
    public static NonFiniteGuard of(Policy policy) {
        return new NonFiniteGuard(policy, LOG);
    }

    /** Index of the first NaN or infinite value, or −1. */
    public static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean beforeUpdate(Step step) {
        calls++;
        float[] grads = step.grads();
        int bad = firstNonFinite(grads);
        if (bad < 0) {
            return true;
        }
        if (policy == Policy.STOP) {
            throw new NonFiniteGradientException(calls, bad, grads[bad]);
        }
        skipped++;
        listener.nonFinite(calls, bad, grads[bad]);
        return false;
    }

    /**
     * A step whose loss is not finite, which the trainer does not hand to the optimizer: counted as a step seen,
     * then skipped (the listener told, index −1) or, with {@link Policy#STOP}, a
     * {@link NonFiniteGradientException}. Either way nothing changes.
     */
    public void nonFiniteLoss(double loss) {
        calls++;
        if (policy == Policy.STOP) {
            throw new NonFiniteGradientException(calls, -1, loss);
        }
        skipped++;
        listener.nonFinite(calls, -1, (float) loss);
    }

    /** What this guard does with a non-finite gradient or loss. */
    public Policy policy() {
        return policy;
    }

    /** Steps skipped because of a non-finite gradient or loss. */
    public long skippedSteps() {
        return skipped;
    }

    @Override
    public double[] state() {
        return new double[] {calls, skipped};
    }

    @Override
    public void restore(double[] state) {
        calls = state == null ? 0 : (long) state[0];
        skipped = state == null ? 0 : (long) state[1];
    }

    @Override
    public String spec() {
        return Optimizers.ON_NONFINITE + "=" + policy.name().toLowerCase();
    }
}
