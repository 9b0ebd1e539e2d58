/**
 * Optimizers: one small final class per update rule, each a subclass of
 * {@link dev.descent.optim.AbstractOptimizer} that writes only its fused loop, with the update equations
 * and the paper in its javadoc and its hyperparameters in a validated {@code Config} record whose
 * defaults are written once (per framework convention, where frameworks differ).
 *
 * <p>Invariants: a step is one pass over params, grads and state; nothing is allocated after the first
 * step; state is buffers of the parameters' length plus a step count, saved and restored exactly
 * ({@link dev.descent.optim.OptimizerState}). Shared parts are written once:
 * {@link dev.descent.optim.WeightDecay} (coupled or decoupled, applied inside each loop through two
 * scalars), {@link dev.descent.optim.BiasCorrection}, {@link dev.descent.optim.ParamGroups} (ranges with
 * an lr multiplier and weight decay on or off) and {@link dev.descent.optim.GlobalNorm} (the one global-norm
 * routine, the same bits for any thread count, used by clipping and by the trainer's logged norm).
 *
 * <p>Composition where it clarifies, fusion where it is fast: a {@link dev.descent.optim.GradientChain}
 * puts {@link dev.descent.optim.GradientTransform} links — {@link dev.descent.optim.NonFiniteGuard},
 * {@link dev.descent.optim.GradientClipping}, and update transforms such as a trust ratio — in front of and
 * behind one update rule's fused loop; weight decay and group lr multipliers reach the loop as its
 * coefficients. Each link's state (counters) is part of the chain's {@code OptimizerState}.
 *
 * <p>Layer-wise rules ({@link dev.descent.optim.Lamb}, {@link dev.descent.optim.Lars}) take one trust ratio per
 * range of the step's {@link dev.descent.optim.ParamGroups} — bind {@code ParamGroups.byView} for one per tensor —
 * through {@code AbstractOptimizer.beginRange}; rules that need a sum over all parameters first (Prodigy) use
 * {@code beginUpdate}. Both run on the calling thread, so the bits do not depend on the thread count. Rules that
 * evaluate elsewhere than they take gradients (Schedule-Free) switch with {@code Optimizer.toEval}/{@code toTrain}.
 *
 * <p>{@link dev.descent.optim.Optimizers} is the registry: {@code Optimizers.parse("adam(beta1=0.9,
 * convention=tensorflow)")}. Conventions name the framework whose arithmetic (and defaults) an optimizer
 * reproduces; the default is always PyTorch's (or the paper's where the frameworks agree). Newer, less
 * proven rules live in {@code contrib}.
 */
package dev.descent.optim;
