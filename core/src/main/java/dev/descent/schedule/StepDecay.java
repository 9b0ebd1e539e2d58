package dev.descent.schedule;

/** {@link Schedule#stepDecay}: {@code lr · drop^floor((1 + epoch) / epochsDrop)}, the Keras example's formula. */
record StepDecay(double learningRate, double drop, double epochsDrop, long stepsPerEpoch) implements Schedule {
    StepDecay {
        Check.finiteNonNegative("lr", learningRate);
        Check.in("drop", drop, 0, true, 1, false);
        Check.finitePositive("epochs_drop", epochsDrop);
        Check.positive("steps_per_epoch", stepsPerEpoch);
    }

    @Override
    public double at(long step) {
        long epoch = step / stepsPerEpoch;
        return learningRate * Math.pow(drop, Math.floor((1 + epoch) / epochsDrop));
    }

    @Override
    public String toString() {
        return Check.spec("step_decay", "lr", learningRate, "drop", drop, "epochs_drop", epochsDrop, "steps_per_epoch",
                stepsPerEpoch).toString();
    }
}
