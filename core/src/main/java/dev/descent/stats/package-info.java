/**
 * Statistics, in one place for training, studies, reports and plots: exponential moving averages of noisy
 * curves ({@link dev.descent.stats.Ema}), the mean, sample standard deviation, minimum, maximum and count of
 * a sample ({@link dev.descent.stats.SampleStats}), the same per index across runs of different lengths
 * ({@link dev.descent.stats.SeriesStats}), and quantiles ({@link dev.descent.stats.Quantiles}).
 *
 * <pre>{@code
 * double[] smooth = Ema.debiased(loss, 0.9);                 // the curve the plots draw and the summary reads
 * SampleStats acc = SampleStats.of(accuracyPerSeed);         // acc.mean(), acc.std(), acc.n()
 * SeriesStats band = SeriesStats.of(lossPerSeed);            // band.mean()[i], band.min()[i], band.max()[i]
 * double median = Quantiles.of(values, 0.5);
 * }</pre>
 *
 * <p>Invariants: every function ignores (or passes through, as documented) non-finite values rather than
 * letting one diverged step poison a result; none allocates more than its result; none depends on anything
 * outside the JDK. Where two callers have always computed the same quantity with a different floating-point
 * order, both orders live here as named variants, so that no published figure changes by a bit.
 */
package dev.descent.stats;
