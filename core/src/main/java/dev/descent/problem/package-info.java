/**
 * Problems: what a sweep tunes on. A {@link dev.descent.problem.Problem} is a dataset, a model, a batch size, a
 * budget in steps, a validation rule and a target (the validation accuracy, or for the noisy quadratic the
 * validation loss, whose first crossing counts for time-to-target). {@link dev.descent.problem.Problems} is their
 * registry in the one registry shape: {@code mnist-cnn}, {@code fmnist-cnn}, {@code mnist-mlp}, {@code fmnist-mlp},
 * {@code mnist-logreg}, {@code quadratic-deep}; any of its numbers can be overridden in the spec form, e.g.
 * {@code mnist-logreg(steps=60, validation=1000)}.
 */
package dev.descent.problem;
