/**
 * Seeded random numbers. Invariant: every draw in descent comes from an {@link dev.descent.random.Rng}
 * derived from the run's seed and a stream label, so the same seed reproduces a run exactly.
 */
package dev.descent.random;
