package dev.descent.optim;

/**
 * The part every update rule shares: the step count, per-parameter state buffers allocated on the first
 * step, parameter groups, weight decay, and exact save/restore. A subclass writes only its fused loop,
 * {@link #apply}, which reads and writes {@code params}, {@code grads} and its buffers once per element.
 *
 * <p>Each step: check lengths and lr → allocate buffers on the first step ({@link #initialize} fills
 * non-zero initial values) → {@link #beginStep} computes per-step scalars (bias corrections) →
 * {@link #beginUpdate} (reductions over all parameters, rarely needed) → {@code t += 1} → per parameter
 * group, {@link #beginRange} (reductions over one tensor, rarely needed) and {@link #apply}, split over the
 * worker pool's threads when the range is large. Nothing is allocated after the first step. A {@link GradientChain} runs its links between
 * the checks and the update, through the package-private {@code check} and {@code update}.
 */
public abstract non-sealed class AbstractOptimizer implements Optimizer {
    private static final float[][] NO_BUFFERS = new float[0][];

    private final String name;
    private final Record config;
    private final WeightDecay weightDecay;
    private final int bufferCount;
    private float[][] buffers = NO_BUFFERS;
    private int size = -1;
    private long step;
    private dev.descent.kernel.WorkerPool pool;

    /** Below this many parameters a step stays on one thread: handing out work would cost more. */
    private static final int PARALLEL_MIN = 1 << 16;

    /**
     * @param name        registry name, printed by {@link #toString()}
     * @param config      the validated hyperparameters (a record with {@link Hyperparameter} components)
     * @param weightDecay weight decay applied inside {@link #apply} via its {@code l2} and {@code keep} arguments
     * @param bufferCount per-parameter buffers this rule keeps
     */
    protected AbstractOptimizer(String name, Record config, WeightDecay weightDecay, int bufferCount) {
        this.name = Checks.notNull("name", name);
        this.config = Checks.notNull("config", config);
        this.weightDecay = Checks.notNull("weightDecay", weightDecay);
        this.bufferCount = bufferCount;
    }

    /**
     * The fused update of {@code params[from, to)}.
     *
     * @param buffers the state buffers, each as long as {@code params}
     * @param lr      the learning rate of this step and group
     * @param l2      coupled weight decay: use {@code g = grads[i] + l2 * params[i]}
     * @param keep    decoupled weight decay: use {@code params[i] = params[i] * keep − update}
     */
    protected abstract void apply(float[] params, float[] grads, float[][] buffers, int from, int to,
                                  float lr, float l2, float keep);

    /** Fills non-zero initial values into freshly allocated (zeroed) buffers. */
    protected void initialize(float[][] buffers) {
    }

    /** Computes the scalars of step {@code t} (1-based), once per step before any {@link #apply}. */
    protected void beginStep(long t) {
    }

    /**
     * True for element-wise rules (the default): a large range is then split over the worker pool's threads.
     * A rule that works on whole tensors (Muon, Adafactor, SOAP: see {@link Optimizer#useLayout}) returns
     * false, and {@link #apply} always receives whole group ranges on the calling thread; it may use
     * {@link #workers()} itself, e.g. for its matrix products.
     */
    protected boolean elementwise() {
        return true;
    }

    /** The pool {@link #useWorkers} gave, or null. */
    protected final dev.descent.kernel.WorkerPool workers() {
        return pool;
    }

    /**
     * Once per step, after {@link #beginStep} and before any range's loop, on the calling thread: for rules
     * whose coefficients depend on the step's learning rate itself (Schedule-Free's averaging weights) or on a
     * reduction over all parameters (Prodigy's distance estimate). Sequential, so its sums have one order
     * whatever the thread count. Throwing here leaves the step count as it was.
     *
     * @param groups the step's groups ({@link ParamGroups#ALL}: the whole array, with weight decay)
     */
    protected void beginUpdate(float[] params, float[] grads, float[][] buffers, ParamGroups groups, double learningRate) {
    }

    /**
     * Once per range (one parameter group: one tensor under {@link ParamGroups#byView}) before its fused loop,
     * on the calling thread, with the loop's coefficients: for rules that scale a tensor's update by a norm
     * over the whole tensor (LAMB's and LARS's trust ratio). {@link #apply} then runs on chunks of the range.
     *
     * @param decayed whether the range's group has weight decay on ({@link ParamGroups#ALL}: true); layer-wise
     *                rules also leave the trust ratio off where it is off (biases)
     */
    protected void beginRange(float[] params, float[] grads, float[][] buffers, int from, int to,
                              float lr, float l2, float keep, boolean decayed) {
    }

    /**
     * The live state buffers (empty before the first step and after {@link #reset()}), for rules that act on
     * their state between steps, such as Schedule-Free's {@link Optimizer#toEval} switch. Not a copy.
     */
    protected final float[][] stateBuffers() {
        return buffers;
    }

    /** Extra scalar state to save; empty by default. */
    protected double[] scalars() {
        return new double[0];
    }

    /** Restores what {@link #scalars()} returned ({@code null} after {@link #reset()}). */
    protected void restoreScalars(double[] scalars) {
    }

    @Override
    public final void step(float[] params, float[] grads, double learningRate, ParamGroups groups) {
        check(params, grads, learningRate, groups);
        update(params, grads, learningRate, groups, params, null);
    }

    /** Called after the fused loop ran on one range, with that range's learning rate. */
    @FunctionalInterface
    interface AfterRange {
        void done(int from, int to, double learningRate);
    }

    /** The checks of a step, before anything changes. */
    final void check(float[] params, float[] grads, double learningRate, ParamGroups groups) {
        Checks.sameLength(params, grads);
        Checks.learningRate(learningRate);
        if (!groups.isAll()) {
            groups.checkFits(params.length);
        }
        if (size >= 0 && size != params.length) {
            throw new IllegalArgumentException(this + " holds state for " + size + " parameters, got " + params.length + "; call reset() first");
        }
    }

    /**
     * One step of the rule after {@link #check}: the fused loop once per group, writing into {@code target}
     * ({@code params} itself, or a copy of it that a chain's update links then see through {@code after}).
     * Each group's range gets {@code learningRate × lrScale} and, if the group asks for it, this rule's weight
     * decay as the loop's {@code l2}/{@code keep} coefficients.
     */
    final void update(float[] params, float[] grads, double learningRate, ParamGroups groups, float[] target, AfterRange after) {
        if (size != params.length) {
            allocate(params.length);
        }
        long t = step + 1;
        beginStep(t);
        beginUpdate(target, grads, buffers, groups, learningRate);
        step = t;
        if (groups.isAll()) {
            float lr = (float) learningRate, l2 = weightDecay.l2(), keep = weightDecay.keep(learningRate);
            beginRange(target, grads, buffers, 0, params.length, lr, l2, keep, true);
            applyRange(target, grads, 0, params.length, lr, l2, keep);
            if (after != null) {
                after.done(0, params.length, learningRate);
            }
            return;
        }
        for (int k = 0; k < groups.size(); k++) {
            ParamGroups.Group g = groups.get(k);
            double lr = learningRate * g.lrScale();
            WeightDecay wd = g.weightDecay() ? weightDecay : WeightDecay.NONE;
            beginRange(target, grads, buffers, g.from(), g.to(), (float) lr, wd.l2(), wd.keep(lr), g.weightDecay());
            applyRange(target, grads, g.from(), g.to(), (float) lr, wd.l2(), wd.keep(lr));
            if (after != null) {
                after.done(g.from(), g.to(), lr);
            }
        }
    }

    @Override
    public final void useWorkers(dev.descent.kernel.WorkerPool pool) {
        this.pool = pool;
    }

    /** {@link #apply} over {@code [from, to)}, in chunks on the worker pool when there is one and the range is large. */
    private void applyRange(float[] params, float[] grads, int from, int to, float lr, float l2, float keep) {
        int n = to - from;
        if (pool == null || pool.threads() == 1 || n < PARALLEL_MIN || !elementwise()) {
            apply(params, grads, buffers, from, to, lr, l2, keep);
            return;
        }
        int chunks = pool.threads() * 4;
        float[][] b = buffers;
        pool.forEach(chunks, c -> {
            // chunk bounds on multiples of 64 floats, so vector loops stay aligned with the single-thread run
            int lo = from + (int) ((long) n * c / chunks) / 64 * 64;
            int hi = c == chunks - 1 ? to : from + (int) ((long) n * (c + 1) / chunks) / 64 * 64;
            apply(params, grads, b, lo, hi, lr, l2, keep);
        });
    }

    private void allocate(int n) {
        buffers = new float[bufferCount][n];
        initialize(buffers);
        size = n;
    }

    @Override
    public final void reset() {
        buffers = NO_BUFFERS;
        size = -1;
        step = 0;
        restoreScalars(null);
    }

    @Override
    public final OptimizerState state() {
        return state(toString(), OptimizerState.NO_LINKS);
    }

    /** The rule's state under {@code description}, with the state of a chain's links. */
    final OptimizerState state(String description, double[][] links) {
        return new OptimizerState(description, step, buffers, scalars(), links);
    }

    @Override
    public final void restore(OptimizerState state) {
        checkRestore(state, toString());
        restoreChecked(state);
    }

    /** Rejects {@code state} unless it was saved from {@code description}, with buffers this rule keeps; changes nothing. */
    final void checkRestore(OptimizerState state, String description) {
        if (!state.optimizer().equals(description)) {
            throw new IllegalArgumentException("state saved from " + state.optimizer() + " cannot be restored into " + description);
        }
        float[][] b = state.buffers();
        if (state.step() != 0 && bufferCount != 0) {
            if (b.length != bufferCount) {
                throw new IllegalArgumentException("state has " + b.length + " buffers, " + this + " keeps " + bufferCount);
            }
            for (float[] x : b) {
                if (x.length != b[0].length) {
                    throw new IllegalArgumentException("state buffers differ in length: " + x.length + " vs " + b[0].length);
                }
            }
        }
    }

    /** Restores the rule's part of a state that passed {@link #checkRestore}. */
    final void restoreChecked(OptimizerState state) {
        if (state.step() == 0 || bufferCount == 0) {
            buffers = NO_BUFFERS;
            size = -1;
        } else {
            buffers = state.buffers();
            size = buffers[0].length;
        }
        step = state.step();
        restoreScalars(state.step() == 0 ? null : state.scalars());
    }

    /** The configured weight decay. */
    public final WeightDecay weightDecay() {
        return weightDecay;
    }

    /** {@code name(key=value, ...)} with every hyperparameter, in the registry's spec syntax. */
    @Override
    public String toString() {
        return Hyperparameters.spec(name, config, weightDecay).toString();
    }
}
