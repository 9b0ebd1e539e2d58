/**
 * Newer, less proven optimizers, kept apart from the established ones as Optax keeps its {@code contrib}:
 * same {@link dev.descent.optim.AbstractOptimizer} base, same registry, same test table. Their reference
 * trajectories come from an independent NumPy transcription of each paper ({@code tools/golden/numpy_golden.py}),
 * since neither PyTorch 1.13 nor TensorFlow ships them. Muon works on whole matrices (shapes from
 * {@link dev.descent.optim.Optimizer#useLayout}); its references run the reference code itself
 * ({@code tools/golden/muon_golden.py}) or transcribe the framework code ({@code tools/golden/matrix_numpy_golden.py}).
 */
package dev.descent.optim.contrib;
