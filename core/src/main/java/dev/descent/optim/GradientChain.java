package dev.descent.optim;

import dev.descent.kernel.WorkerPool;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An update rule with gradient transforms chained in front of it and update transforms behind it, as
 * Optax's {@code chain}: one {@link Optimizer} whose state — the rule's buffers and every link's counters
 * — is one {@link OptimizerState}, so {@link #restore} is exact.
 *
 * <p>A step, in order:
 * <ol>
 *   <li>the rule's checks (lengths, learning rate, groups): a rejected step changes nothing;</li>
 *   <li>each link's {@link GradientTransform#beforeUpdate} on the whole gradient array, in chain order:
 *       {@link NonFiniteGuard} (may skip the step), {@link GradientClipping} by global norm, then by value;</li>
 *   <li>the rule's fused loop once per {@link ParamGroups parameter group}. Coupled and decoupled
 *       {@link WeightDecay} and the groups' learning-rate multipliers are links too, but fused: the chain
 *       hands them to the loop as its {@code lr}, {@code l2} and {@code keep} coefficients instead of
 *       spending a pass over the parameters each — the loops keep their exact float operation order;</li>
 *   <li>if a link {@link GradientTransform#transformsUpdate() transforms the update}, the loop writes into a
 *       proposal buffer instead of the parameters, the links see it range by range
 *       ({@link GradientTransform#afterUpdate}), and the result is copied into the parameters.</li>
 * </ol>
 *
 * <pre>{@code
 * Optimizer o = GradientChain.of(new Adam(Adam.Config.DEFAULTS),
 *         NonFiniteGuard.of(NonFiniteGuard.Policy.SKIP), GradientClipping.byGlobalNorm(1.0));
 * Optimizer same = Optimizers.parse("adam(clip_norm=1.0, on_nonfinite=skip)");
 * Optimizer grouped = ParamGroups.byKind(params, Map.of(ParamView.Kind.BIAS, noDecay)).bind(o);
 * o.useWorkers(pool);                  // the fused loop and the global norm run on pool's threads
 * long clipped = ((GradientChain) o).link(GradientClipping.class).orElseThrow().clippedSteps();
 * }</pre>
 *
 * <p>{@code toString()} is the rule's spec with each link's {@code key=value} appended, the last link
 * first (the order the spec keys have always been printed in), e.g.
 * {@code adam(..., clip_value=0.5, clip_norm=1.0, on_nonfinite=skip)}.
 */
public final class GradientChain implements Optimizer {

    private final AbstractOptimizer rule;
    private final GradientTransform[] links;
    private final ParamGroups bound;
    private final boolean transformsUpdate;
    private final GradientTransform.Step current = new GradientTransform.Step();
    private final AbstractOptimizer.AfterRange afterRange = this::afterRange;
    private float[] proposed = new float[0];
    private float[] stepParams;
    private WorkerPool pool;

    private GradientChain(AbstractOptimizer rule, GradientTransform[] links, ParamGroups bound) {
        this.rule = Checks.notNull("optimizer", rule);
        this.links = links;
        this.bound = Checks.notNull("groups", bound);
        boolean any = false;
        for (GradientTransform link : links) {
            Checks.notNull("link", link);
            any |= link.transformsUpdate();
        }
        this.transformsUpdate = any;
    }

    /**
     * {@code optimizer} with {@code links} run in the given order; if {@code optimizer} is already a chain,
     * the links run after its own (and it shares its rule, links and state with the new chain).
     */
    public static GradientChain of(Optimizer optimizer, GradientTransform... links) {
        return switch (Checks.notNull("optimizer", optimizer)) {
            case AbstractOptimizer rule -> new GradientChain(rule, links.clone(), ParamGroups.ALL);
            case GradientChain chain -> {
                GradientTransform[] all = Arrays.copyOf(chain.links, chain.links.length + links.length);
                System.arraycopy(links, 0, all, chain.links.length, links.length);
                yield new GradientChain(chain.rule, all, chain.bound);
            }
        };
    }

    /** This chain with {@code groups} used by every step that does not pass groups of its own. */
    GradientChain bind(ParamGroups groups) {
        return new GradientChain(rule, links, groups);
    }

    @Override
    public void step(float[] params, float[] grads, double learningRate, ParamGroups groups) {
        ParamGroups g = groups(groups);
        rule.check(params, grads, learningRate, g);
        current.begin(params, grads, learningRate, pool);
        for (GradientTransform link : links) {
            if (!link.beforeUpdate(current)) {
                return;
            }
        }
        if (!transformsUpdate) {
            rule.update(params, grads, learningRate, g, params, null);
            return;
        }
        if (proposed.length != params.length) {
            proposed = new float[params.length];
        }
        System.arraycopy(params, 0, proposed, 0, params.length);
        stepParams = params;
        rule.update(params, grads, learningRate, g, proposed, afterRange);
        stepParams = null;
    }

    private void afterRange(int from, int to, double learningRate) {
        for (GradientTransform link : links) {
            if (link.transformsUpdate()) {
                link.afterUpdate(stepParams, proposed, from, to, learningRate);
            }
        }
        System.arraycopy(proposed, from, stepParams, from, to - from);
    }

    /** The groups of a step: the caller's if given, else the bound ones; two different sets are an error. */
    private ParamGroups groups(ParamGroups given) {
        Checks.notNull("groups", given);
        if (given.isAll() || given == bound) {
            return bound;
        }
        if (!bound.isAll()) {
            throw new IllegalArgumentException("optimizer is bound to " + bound + " but the step was given " + given
                    + "; pass ParamGroups.ALL to use the bound groups, or bind the groups you mean");
        }
        return given;
    }

    @Override
    public boolean layerwise() {
        return rule.layerwise();
    }

    @Override
    public void toEval(float[] params) {
        rule.toEval(params);
    }

    @Override
    public void toTrain(float[] params) {
        rule.toTrain(params);
    }

    @Override
    public void reset() {
        rule.reset();
        proposed = new float[0];
        for (GradientTransform link : links) {
            link.restore(null);
        }
    }

    /** Lets the fused loop and the global norm run on {@code pool}'s threads; the bits stay the same. */
    @Override
    public void useWorkers(WorkerPool pool) {
        this.pool = pool;
        rule.useWorkers(pool);
    }

    /** Hands the views' shapes to the update rule. */
    @Override
    public void useLayout(List<dev.descent.tensor.ParamView> views) {
        rule.useLayout(views);
    }

    @Override
    public OptimizerState state() {
        double[][] saved = new double[links.length][];
        for (int k = 0; k < links.length; k++) {
            saved[k] = links[k].state();
        }
        return rule.state(toString(), saved);
    }

    @Override
    public void restore(OptimizerState state) {
        String description = toString();
        rule.checkRestore(state, description);
        double[][] saved = state.links();
        if (saved.length != links.length) {
            throw new IllegalArgumentException("state has " + saved.length + " links, " + description + " has " + links.length);
        }
        for (int k = 0; k < links.length; k++) {
            int expected = links[k].state().length;
            if (saved[k].length != expected) {
                throw new IllegalArgumentException("state of link " + links[k].spec() + " has " + saved[k].length
                        + " values, the link keeps " + expected);
            }
        }
        rule.restoreChecked(state);
        for (int k = 0; k < links.length; k++) {
            links[k].restore(saved[k]);
        }
    }

    /** The update rule at the end of the chain. */
    public AbstractOptimizer rule() {
        return rule;
    }

    /** The links, in the order they run. */
    public List<GradientTransform> links() {
        return List.of(links);
    }

    /** The first link of type {@code type}, e.g. to read {@link GradientClipping#clippedSteps()}. */
    @Override
    public <T extends GradientTransform> Optional<T> link(Class<T> type) {
        for (GradientTransform link : links) {
            if (type.isInstance(link)) {
                return Optional.of(type.cast(link));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        String spec = rule.toString();
        for (int k = links.length - 1; k >= 0; k--) {
            spec = Optimizers.appendKey(spec, links[k].spec());
        }
        return spec;
    }
}
