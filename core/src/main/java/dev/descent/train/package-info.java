/**
 * The training loop and its records. Training produces data ({@link dev.descent.train.StepRecord},
 * {@link dev.descent.train.Evaluation}, {@link dev.descent.train.TrainResult}); printing, files and
 * plots are the listeners' and the app's business.
 *
 * <p>{@link dev.descent.train.Optimization} is how a run is optimized (optimizer spec with its gradient
 * transforms, and the schedule in which the learning rate lives); every command builds it through
 * {@link dev.descent.train.Optimization#resolve}, the one door of the learning rate.
 */
package dev.descent.train;
