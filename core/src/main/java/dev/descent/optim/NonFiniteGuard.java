package dev.descent.optim;

/**
 * Keeps NaN or infinite gradients from corrupting the parameters: before delegating, one read-only pass
 * looks for a non-finite gradient; if there is one, the step is either skipped (parameters and optimizer
 * state untouched, the listener told) or stopped with a {@link NonFiniteGradientException}.
 *
 * <pre>{@code
 * NonFiniteGuard guarded = NonFiniteGuard.skip(adam, (step, index, value) -> log.warn(...));
 * guarded.step(params, grads, lr);   // a NaN gradient: nothing changes, guarded.skippedSteps() grows
 * Optimizer same = Optimizers.parse("adam(on_nonfinite=skip)");
 * }</pre>
 */
public final class NonFiniteGuard implements Optimizer {

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

    private final Optimizer inner;
    private final Policy policy;
    private final Listener listener;
    private long calls;
    private long skipped;

    private NonFiniteGuard(Optimizer inner, Policy policy, Listener listener) {
        this.inner = Checks.notNull("optimizer", inner);
        this.policy = Checks.notNull("policy", policy);
        this.listener = Checks.notNull("listener", listener);
    }

    public static NonFiniteGuard skip(Optimizer inner, Listener listener) {
        return new NonFiniteGuard(inner, Policy.SKIP, listener);
    }

    public static NonFiniteGuard stop(Optimizer inner) {
        return new NonFiniteGuard(inner, Policy.STOP, LOG);
    }

    public static NonFiniteGuard of(Optimizer inner, Policy policy) {
        return new NonFiniteGuard(inner, policy, LOG);
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
    public void step(float[] params, float[] grads, double learningRate, ParamGroups groups) {
        calls++;
        int bad = firstNonFinite(grads);
        if (bad >= 0) {
            if (policy == Policy.STOP) {
                throw new NonFiniteGradientException(calls, bad, grads[bad]);
            }
            skipped++;
            listener.nonFinite(calls, bad, grads[bad]);
            return;
        }
        inner.step(params, grads, learningRate, groups);
    }

    /** Steps skipped because of a non-finite gradient. */
    public long skippedSteps() {
        return skipped;
    }

    @Override
    public void reset() {
        calls = 0;
        skipped = 0;
        inner.reset();
    }

    @Override
    public OptimizerState state() {
        return inner.state();
    }

    @Override
    public void restore(OptimizerState state) {
        inner.restore(state);
    }

    @Override
    public String toString() {
        return Optimizers.appendKey(inner.toString(), "on_nonfinite=" + policy.name().toLowerCase());
    }

    @Override
    public void useWorkers(dev.descent.kernel.WorkerPool pool) {
        inner.useWorkers(pool);
    }
}
