/**
 * Newer, less proven optimizers, kept apart from the established ones as Optax keeps its {@code contrib}:
 * same {@link dev.descent.optim.AbstractOptimizer} base, same registry, same test table. Their reference
 * trajectories come from the authors' own code where it runs under PyTorch 1.13 (Schedule-Free,
 * {@code tools/golden/schedulefree_golden.py}; Prodigy, {@code tools/golden/prodigy_golden.py}; Muon,
 * {@code tools/golden/muon_golden.py}; SOAP, {@code tools/golden/soap_golden.py}) and otherwise from an independent
 * NumPy transcription of each paper or framework file ({@code tools/golden/numpy_golden.py}: Lion, AdaBelief;
 * {@code tools/golden/matrix_numpy_golden.py}: torch.optim.Muon and Keras's Muon). Muon works on whole matrices
 * (shapes from {@link dev.descent.optim.Optimizer#useLayout}). SOAP preconditions each dimension of a tensor with the
 * eigenbasis of a Shampoo factor ({@link dev.descent.optim.contrib.Eigenbasis}: symmetric eigen-decomposition and QR
 * in double).
 *
 * <p>Schedule-Free rules take gradients at y but must be evaluated at the average x: callers switch with
 * {@link dev.descent.optim.Optimizer#toEval} before any evaluation and {@link dev.descent.optim.Optimizer#toTrain}
 * after it (a no-op for every other rule).
 */
package dev.descent.optim.contrib;
