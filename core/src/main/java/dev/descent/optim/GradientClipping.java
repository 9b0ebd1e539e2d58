package dev.descent.optim;

/**
 * Gradient clipping, by global norm or by value: a {@link GradientTransform} that rescales or clamps the
 * gradient array in place (as {@code torch.nn.utils.clip_grad_norm_} does) before the update rule runs.
 *
 * <pre>
 * by global norm:  ‖g‖ = √(Σ gᵢ²);  if ‖g‖ &gt; c:  g ← g · c/‖g‖        (Optax clip_by_global_norm)
 * by value:        gᵢ ← min(max(gᵢ, −c), c)                             (Optax clip)
 * </pre>
 *
 * <p>Pascanu, Mikolov &amp; Bengio, "On the difficulty of training recurrent neural networks", ICML 2013.
 * The norm is {@link GlobalNorm}'s — the very bits the trainer logs, for any thread count — taken over the
 * whole array, whatever the parameter groups; the rescaling pass runs only on steps that clip. The count of
 * steps that clipped is the link's state, saved in {@link OptimizerState}.
 *
 * <pre>{@code
 * Optimizer o = GradientChain.of(new Adam(Adam.Config.DEFAULTS), GradientClipping.byGlobalNorm(1.0));
 * Optimizer same = Optimizers.parse("adam(clip_norm=1.0)");
 * }</pre>
 */
public final class GradientClipping implements GradientTransform {

    private final boolean byNorm;
    private final double limit;
    private long clipped;

    private GradientClipping(boolean byNorm, double limit) {
        this.byNorm = byNorm;
        this.limit = Checks.positive(byNorm ? Optimizers.CLIP_NORM : Optimizers.CLIP_VALUE, limit);
    }

    /** Rescales the gradients so their global L2 norm is at most {@code maxNorm}. */
    public static GradientClipping byGlobalNorm(double maxNorm) {
        return new GradientClipping(true, maxNorm);
    }

    /** Clamps every gradient to {@code [−limit, limit]}. */
    public static GradientClipping byValue(double limit) {
        return new GradientClipping(false, limit);
    }

    @Override
    public boolean beforeUpdate(Step step) {
        float[] grads = step.grads();
        if (byNorm) {
            double norm = step.gradientNorm();
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
        return true;
    }

    /** Steps on which clipping changed the gradients. */
    public long clippedSteps() {
        return clipped;
    }

    @Override
    public double[] state() {
        return new double[] {clipped};
    }

    @Override
    public void restore(double[] state) {
        clipped = state == null ? 0 : (long) state[0];
    }

    @Override
    public String spec() {
        return (byNorm ? Optimizers.CLIP_NORM : Optimizers.CLIP_VALUE) + "=" + limit;
    }
}
