package dev.descent.optim;

/**
 * An optimizer: updates a flat parameter array in place from the gradient array of the same layout.
 *
 * <p>The learning rate of each step comes from outside (a {@link dev.descent.schedule.Schedule}), so
 * conventions that differ only once the learning rate changes can be expressed exactly. State (moments,
 * accumulators, the step count) is allocated on the first call and kept between calls; {@link #reset()}
 * forgets it, {@link #state()} and {@link #restore} save and reload it exactly. An optimizer is an update
 * rule ({@link AbstractOptimizer}: one fused loop) or a rule with gradient transforms chained in front of
 * and behind it ({@link GradientChain}: clipping, the non-finite guard, trust ratios).
 *
 * <pre>{@code
 * Optimizer adam = Optimizers.parse("adam(beta1=0.9, convention=tensorflow)");
 * for (long t = 0; t < steps; t++) {
 *     computeGradients(params, grads);
 *     adam.step(params, grads, schedule.at(t));
 * }
 * }</pre>
 */
public sealed interface Optimizer permits AbstractOptimizer, GradientChain {

    /** Applies one update to all parameters: {@code params ← params − update(grads, state, lr)}. */
    default void step(float[] params, float[] grads, double learningRate) {
        step(params, grads, learningRate, ParamGroups.ALL);
    }

    /**
     * Applies one update group by group: each group's range uses {@code learningRate × lrScale} and
     * weight decay only if the group asks for it. Ranges outside every group are left as they are.
     */
    void step(float[] params, float[] grads, double learningRate, ParamGroups groups);

    /**
     * Writes into {@code params} the point to evaluate (test loss, validation, a landscape's reported point)
     * in place of the point the gradients are taken at, as PyTorch's {@code optimizer.eval()} in the
     * Schedule-Free reference code. Only rules that keep the two apart (Schedule-Free: gradients at y,
     * evaluation at the average x) change anything; for every other optimizer it does nothing. Until
     * {@link #toTrain} the optimizer is in eval mode, and a step is rejected.
     *
     * <pre>{@code
     * optimizer.toEval(params);     // params now hold x
     * double testLoss = evaluate(params);
     * optimizer.toTrain(params);    // params hold y again, bit for bit; steps may continue
     * }</pre>
     */
    default void toEval(float[] params) {
    }

    /** Undoes {@link #toEval}: writes the training point back into {@code params}; nothing if not in eval mode. */
    default void toTrain(float[] params) {
    }

    /**
     * True for rules that scale each range's update by a norm over the whole range (LAMB, LARS: a trust ratio
     * per tensor). They see one tensor per range only when bound to {@link ParamGroups#byView}, e.g. with no
     * weight decay (and so no trust ratio) on biases:
     * {@code ParamGroups.byView(params, Map.of(ParamView.Kind.BIAS, new ParamGroups.Options(1, false))).bind(o)};
     * unbound, the whole array is one tensor.
     */
    default boolean layerwise() {
        return false;
    }

    /** Forgets all state, so the next step is the first. */
    void reset();

    /**
     * Lets the update run on {@code pool}'s threads. Updates are element-wise, so the result is the same
     * for any thread count. The default keeps the update on the calling thread.
     */
    default void useWorkers(dev.descent.kernel.WorkerPool pool) {
    }

    /**
     * Tells a rule that works on whole tensors (Muon, Adafactor, SOAP) the shapes of the parameter views it
     * steps: without it every parameter is one flat vector to them. Element-wise rules ignore it; the trainer
     * passes {@code net.parameters().views()}. Call it before the first step.
     */
    default void useLayout(java.util.List<dev.descent.tensor.ParamView> views) {
    }

    /**
     * The first gradient transform of type {@code type} in front of the update rule, e.g. the
     * {@link NonFiniteGuard} the trainer consults; empty for a bare rule.
     */
    default <T extends GradientTransform> java.util.Optional<T> link(Class<T> type) {
        return java.util.Optional.empty();
    }

    /** A deep copy of the state, to checkpoint or to continue from later. */
    OptimizerState state();

    /** Replaces the state by {@code state}; the next step continues bit-identically from where it was saved. */
    void restore(OptimizerState state);

    /**
     * Name and every hyperparameter in the registry's spec syntax, e.g.
     * {@code adam(beta1=0.9, beta2=0.999, epsilon=1.0E-8, ...)}; {@link Optimizers#parse} reads it back.
     */
    @Override
    String toString();
}
