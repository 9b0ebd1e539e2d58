/**
 * Two-dimensional test functions on which the optimizers of {@link dev.descent.optim} can be watched:
 * Rosenbrock, Beale, Himmelblau, a saddle, an ill-conditioned quadratic and the slowly and quickly changing
 * bowls of the AdaGrad illustration.
 *
 * <p>A point is a {@code float[2]} parameter array stepped by the very {@link dev.descent.optim.Optimizer}
 * that trains networks; there are no separate 2-D implementations. {@link PathRunner} produces a path,
 * {@link GradientNoise} makes the gradient noisy (seeded), {@link LrTuner} picks a learning rate with the
 * sweeps' machinery ({@link dev.descent.search}: a search space's grid, ranked by the mean of the last values). {@link PathSpec} is one optimizer of a comparison as {@code descent landscape} reads it: an optimizer
 * spec extended by {@code lr=} and {@code schedule=}, optimized through the one door of the learning rate,
 * {@link dev.descent.train.Optimization}. {@link Comparison} runs (and tunes) several of them on one function
 * from one start: the data behind every picture. The pictures drawn from the paths live in the app's
 * {@code dev.descent.pictures}.
 *
 * <p>Invariants: every {@link Landscape}'s gradient is the exact derivative of its value (tests check it
 * against central differences); every listed minimum has gradient zero and value {@link Landscape#fStar()};
 * a function without a minimum (the saddle) lists none and has {@code fStar() = NaN}.
 */
package dev.descent.landscape;
