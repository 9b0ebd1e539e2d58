/**
 * Hyperparameter search: what the coming {@code descent sweep} and {@code landscape --tune} tune with.
 *
 * <ul>
 *   <li>{@link dev.descent.search.SearchSpace} of {@link dev.descent.search.Dimension}s (a {@code Choice} of
 *       values or a {@code Range} with a {@link dev.descent.search.Scale}), written in the one spec syntax:
 *       {@code space(lr=range(low=1e-05, high=1, scale=log, points=11), momentum=[0.9, 0.99])};</li>
 *   <li>{@link dev.descent.search.Sampler}s: the grid, seeded random search, and seeded quasi-random search
 *       on a scrambled {@link dev.descent.search.Halton} sequence;</li>
 *   <li>{@link dev.descent.search.SuccessiveHalving}: rungs and promotions;</li>
 *   <li>{@link dev.descent.search.Selection}: the winner by a metric, and the mean of a series' last values.</li>
 * </ul>
 *
 * <p>Invariants: everything here is a pure function of its inputs; every random draw comes from
 * {@link dev.descent.random.Rng#derive} of a seed passed in, so the same seed gives the same trials; a
 * non-finite metric (a diverged trial) is never promoted nor chosen; a space's spec form reads back to an
 * equal space.
 */
package dev.descent.search;
