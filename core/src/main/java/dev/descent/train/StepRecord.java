package dev.descent.train;

/**
 * What one training step produced: the minibatch loss before the update, the learning rate used, the
 * global L2 norm of the gradient before any clipping ({@link dev.descent.optim.GlobalNorm}: the bits clipping
 * compares with its limit), and the training time elapsed since the start (seconds).
 * Steps count from 1. {@code skipped} marks a step the non-finite guard ({@code on_nonfinite=skip}) skipped: its
 * loss or a gradient was NaN or infinite, the loss is recorded as it was, and no update was applied; averages
 * and smoothed curves leave such steps out.
 */
public record StepRecord(long step, double loss, double learningRate, double gradNorm, double seconds, boolean skipped) {

    /** A step that was applied (not skipped). */
    public StepRecord(long step, double loss, double learningRate, double gradNorm, double seconds) {
        this(step, loss, learningRate, gradNorm, seconds, false);
    }
}
