/**
 * Problems: what a sweep tunes on. A {@link dev.descent.problem.Problem} is a dataset, a model, a batch size, a
 * budget in steps, a validation rule and a target (the validation accuracy, or for the noisy quadratic the
 * validation loss, whose first crossing counts for time-to-target). {@link dev.descent.problem.Problems} is their
 * registry in the one registry shape: {@code mnist-cnn}, {@code fmnist-cnn}, {@code mnist-mlp}, {@code fmnist-mlp},
 * {@code mnist-logreg}, {@code quadratic-deep}; any of its numbers can be overridden in the spec form, e.g.
 * {@code mnist-logreg(steps=60, validation=1000)}.
 *
 * <p>A {@link dev.descent.problem.Workbench} runs trials of one problem ({@link dev.descent.problem.TrialRequest} →
 * {@link dev.descent.problem.TrialOutcome}) through the one training loop, {@link dev.descent.train.Trainer}: a
 * network workbench owns its network and kernel backend, {@link dev.descent.problem.QuadraticDeep} is DeepOBS's
 * noisy quadratic. Trials are judged on validation only; the test set is evaluated only when a request asks (the
 * chosen configurations' re-runs). Same request, same bits, whatever the thread count, and a trial continued from a
 * checkpoint is the trial that never stopped.
 */
package dev.descent.problem;
