package dev.descent.schedule;

/** {@link Schedule#inverseTimeDecay}: TF {@code InverseTimeDecay}, {@code lr / (1 + rate · step / decaySteps)}. */
record InverseTimeDecay(double learningRate, double rate, long decaySteps, boolean staircase) implements Schedule {
    InverseTimeDecay {
        Check.finiteNonNegative("lr", learningRate);
        Check.finiteNonNegative("rate", rate);
        Check.positive("decay_steps", decaySteps);
    }

    @Override
    public double at(long step) {
        double p = staircase ? (double) (step / decaySteps) : (double) step / decaySteps;
        return learningRate / (1 + rate * p);
    }

    @Override
    public String toString() {
        return Check.spec("inverse_time", "lr", learningRate, "rate", rate, "decay_steps", decaySteps, "staircase",
                staircase).toString();
    }
}
