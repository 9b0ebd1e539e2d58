package dev.descent.schedule;

/** {@link Schedule#exponentialDecay}: TF {@code ExponentialDecay}, {@code lr · rate^(step / decaySteps)}. */
record ExponentialDecay(double learningRate, double rate, long decaySteps, boolean staircase) implements Schedule {
    ExponentialDecay {
        Check.finiteNonNegative("lr", learningRate);
        Check.finitePositive("rate", rate);
        Check.positive("decay_steps", decaySteps);
    }

    @Override
    public double at(long step) {
        double p = staircase ? (double) (step / decaySteps) : (double) step / decaySteps;
        return learningRate * Math.pow(rate, p);
    }

    @Override
    public String toString() {
        return Check.spec("exponential", "lr", learningRate, "rate", rate, "decay_steps", decaySteps, "staircase",
                staircase).toString();
    }
}
