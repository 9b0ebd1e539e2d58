package dev.descent.optim;

/**
 * Keeps NaN or infinite gradients from corrupting the parameters: a {@link GradientTransform}, first in
 * its chain, whose one read-only pass looks for a non-finite gradient; if there is one, the step is either
 * skipped (parameters and the update rule's state untouched, the listener told) or stopped with a
 * {@link NonFiniteGradientException}. Its counters (steps seen, steps skipped) are its state, saved in
 * {@link OptimizerState}, so the step numbers it reports continue exactly after a restore.
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
         * @param index the first non-finite gradient
         * @param value its value (NaN or ±Infinity)
         */
        void nonFinite(long step, int index, float value);
    }

    /** Thrown by the {@link Policy#STOP} policy; the parameters are unchanged. */
    public static final class NonFiniteGradientException extends ArithmeticException {
        private final long step;
        private final int index;

        NonFiniteGradientException(long step, int index, float value) {
            super("gradient " + index + " is " + value + " at step " + step + "; parameters left unchanged");
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

    /** Logs to {@code System.getLogger("dev.descent.optim")} at WARNING. */
    public static final Listener LOG = (step, index, value) -> System.getLogger("dev.descent.optim")
            .log(System.Logger.Level.WARNING, "skipped step {0}: gradient {1} is {2}", step, index, value);

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

    /** Steps skipped because of a non-finite gradient. */
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
