package dev.descent.train;

/** Loss and accuracy on a held-out set after {@code step} training steps, over {@code examples} examples. */
public record Evaluation(long step, double loss, double accuracy, int examples) {
}
