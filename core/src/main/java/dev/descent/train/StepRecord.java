package dev.descent.train;

/**
 * What one training step produced: the minibatch loss before the update, the learning rate used, the
 * global L2 norm of the gradient before any clipping ({@link dev.descent.optim.GlobalNorm}: the bits clipping
 * compares with its limit), and the training time elapsed since the start (seconds).
 * Steps count from 1.
 */
public record StepRecord(long step, double loss, double learningRate, double gradNorm, double seconds) {
}
