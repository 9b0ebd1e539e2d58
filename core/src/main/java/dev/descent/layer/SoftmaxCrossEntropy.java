package dev.descent.layer;

/**
 * Softmax followed by cross-entropy with integer labels, averaged over the batch:
 * {@code L = (1/n) Σ_s [logsumexp(z_s) − z_s[y_s]]}, computed stably by subtracting each row's maximum.
 * Backward: {@code ∂L/∂z = (softmax(z) − onehot(y)) / n}. Probabilities are kept from forward for backward.
 */
public final class SoftmaxCrossEntropy {
    private final int classes;
    private final float[] probs;

    public SoftmaxCrossEntropy(int classes, int capacity) {
        this.classes = classes;
        this.probs = new float[classes * capacity];
    }

    /** Mean loss over {@code n} examples; keeps the probabilities for {@link #backward}. */
    public double forward(float[] logits, int[] labels, int n) {
        double total = 0;
        int K = classes;
        for (int s = 0; s < n; s++) {
            int o = s * K;
            float max = logits[o];
            for (int k = 1; k < K; k++) {
                max = Math.max(max, logits[o + k]);
            }
            double sum = 0;
            for (int k = 0; k < K; k++) {
                double e = Math.exp(logits[o + k] - max);
                probs[o + k] = (float) e;
                sum += e;
            }
            for (int k = 0; k < K; k++) {
                probs[o + k] = (float) (probs[o + k] / sum);
            }
            total += Math.log(sum) + max - logits[o + labels[s]];
        }
        return total / n;
    }

    /** {@code dLogits = (softmax − onehot) / n}. */
    public void backward(int[] labels, int n, float[] dLogits) {
        float inv = 1f / n;
        int K = classes;
        for (int s = 0; s < n; s++) {
            int o = s * K;
            for (int k = 0; k < K; k++) {
                dLogits[o + k] = probs[o + k] * inv;
            }
            dLogits[o + labels[s]] -= inv;
        }
    }
}
