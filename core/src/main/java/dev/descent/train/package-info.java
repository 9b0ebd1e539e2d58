/**
 * The training loop and its records. Training produces data ({@link dev.descent.train.StepRecord},
 * {@link dev.descent.train.Evaluation}, {@link dev.descent.train.TrainResult}); printing, files and
 * plots are the listeners' and the app's business.
 *
 * <p>{@link dev.descent.train.Optimization} is how a run is optimized (optimizer spec with its gradient
 * transforms, and the schedule in which the learning rate lives); every command builds it through
 * {@link dev.descent.train.Optimization#resolve}, the one door of the learning rate.
 *
 * <p>{@link dev.descent.train.Trainer} is the one loop, over any {@link dev.descent.train.Objective} (a network on a
 * dataset, or the noisy quadratic of {@code dev.descent.problem}): the non-finite guard and the
 * {@link dev.descent.train.Divergence} rule, evaluations on the sets {@link dev.descent.train.TrainConfig.Evaluate}
 * names (the test set as studies always had it, or the validation set a sweep's trials are judged on, without ever
 * looking at the test set), and continuation from a {@link dev.descent.train.Checkpoint}: a run stopped at step
 * {@code k} and continued from its checkpoint gives the same bits as the run that never stopped.
 */
package dev.descent.train;
