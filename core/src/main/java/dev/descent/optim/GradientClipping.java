package dev.descent.optim;

/**
 * Gradient clipping in front of any optimizer, by global norm or by value. It rescales or clamps the
 * gradient array in place (as {@code torch.nn.utils.clip_grad_norm_} does), then delegates.
 *
 * <pre>
 * by global norm:  ‖g‖ = √(Σ gᵢ²);  if ‖g‖ &gt; c:  g ← g · c/‖g‖        (Optax clip_by_global_norm)
 * by value:        gᵢ ← min(max(gᵢ, −c), c)                             (Optax clip)
 * </pre>
 *
 * <p>Pascanu, Mikolov &amp; Bengio, "On the difficulty of training recurrent neural networks", ICML 2013.
 * The norm is one read-only pass over the gradients (summed in double); the rescaling pass runs only on
 * steps that clip. The norm is taken over the whole array, whatever the parameter groups.
 *
 * <pre>{@code
 * Optimizer o = GradientClipping.byGlobalNorm(new Adam(Adam.Config.DEFAULTS), 1.0);
 * Optimizer same = Optimizers.parse("adam(clip_norm=1.0)");
 * }</pre>
 */
public final class GradientClipping implements Optimizer {

    private final Optimizer inner;
    private final boolean byNorm;
    private final double limit;
    private long clipped;

    private GradientClipping(Optimizer inner, boolean byNorm, double limit) {
        this.inner = Checks.notNull("optimizer", inner);
        this.byNorm = byNorm;
        this.limit = Checks.positive(byNorm ? "clip_norm" : "clip_value", limit);
    }

    /** Rescales the gradients so their global L2 norm is at most {@code maxNorm}. */
    public static GradientClipping byGlobalNorm(Optimizer inner, double maxNorm) {
        return new GradientClipping(inner, true, maxNorm);
    }

    /** Clamps every gradient to {@code [−limit, limit]}. */
    public static GradientClipping byValue(Optimizer inner, double limit) {
        return new GradientClipping(inner, false, limit);
    }

    /**
     * The global L2 norm of {@code grads}, accumulated in double. Four partial sums break the dependency
     * chain of one running sum (about 2× faster); the order is fixed, so the result is deterministic.
     */
    public static double globalNorm(float[] grads) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < grads.length; i += 4) {
            s0 += (double) grads[i] * grads[i];
            s1 += (double) grads[i + 1] * grads[i + 1];
            s2 += (double) grads[i + 2] * grads[i + 2];
            s3 += (double) grads[i + 3] * grads[i + 3];
        }
        for (; i < grads.length; i++) {
            s0 += (double) grads[i] * grads[i];
        }
        return Math.sqrt((s0 + s1) + (s2 + s3));
    }

    @Override
    public void step(float[] params, float[] grads, double learningRate, ParamGroups groups) {
        if (byNorm) {
            double norm = globalNorm(grads);
            if (norm > limit) {
                float scale = (float) (limit / norm);
                for (int i = 0; i < grads.length; i++) {
                    grads[i] *= scale;
                }
                clipped++;
            }
        } else {
            float c = (float) limit;
            boolean any = false;
            for (int i = 0; i < grads.length; i++) {
                float g = grads[i];
                if (g > c || g < -c) {
                    grads[i] = Math.min(Math.max(g, -c), c);
                    any = true;
                }
            }
            if (any) {
                clipped++;
            }
        }
        inner.step(params, grads, learningRate, groups);
    }

    /** Steps on which clipping changed the gradients. */
    public long clippedSteps() {
        return clipped;
    }

    @Override
    public void reset() {
        clipped = 0;
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
        return Optimizers.appendKey(inner.toString(), (byNorm ? "clip_norm=" : "clip_value=") + limit);
    }

    @Override
    public void useWorkers(dev.descent.kernel.WorkerPool pool) {
        inner.useWorkers(pool);
    }
}
