package dev.descent.schedule;

/** {@link Schedule#cosine}: TF {@code CosineDecay}, ending at {@code alpha · lr}. */
record CosineDecay(double learningRate, long decaySteps, double alpha) implements Schedule {
    CosineDecay {
        Check.finiteNonNegative("lr", learningRate);
        Check.positive("decay_steps", decaySteps);
        Check.in("alpha", alpha, 0, false, 1, false);
    }

    @Override
    public double at(long step) {
        double fraction = (double) Math.min(step, decaySteps) / decaySteps;
        double cosine = 0.5 * (1 + Math.cos(Math.PI * fraction));
        return learningRate * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String toString() {
        return Check.spec("cosine", "lr", learningRate, "decay_steps", decaySteps, "alpha", alpha).toString();
    }
}
