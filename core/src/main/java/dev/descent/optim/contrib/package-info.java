/**
 * Newer, less proven optimizers, kept apart from the established ones as Optax keeps its {@code contrib}:
 * same {@link dev.descent.optim.AbstractOptimizer} base, same registry, same test table. Their reference
 * trajectories come from an independent NumPy transcription of each paper ({@code tools/golden/numpy_golden.py}),
 * since neither PyTorch 1.13 nor TensorFlow ships them.
 */
package dev.descent.optim.contrib;
