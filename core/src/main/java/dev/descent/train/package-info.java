/**
 * The training loop and its records. Training produces data ({@link dev.descent.train.StepRecord},
 * {@link dev.descent.train.Evaluation}, {@link dev.descent.train.TrainResult}); printing, files and
 * plots are the listeners' and the app's business.
 */
package dev.descent.train;
