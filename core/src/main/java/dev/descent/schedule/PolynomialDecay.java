package dev.descent.schedule;

/** {@link Schedule#polynomial}: TF {@code PolynomialDecay}. */
record PolynomialDecay(double learningRate, long decaySteps, double endLearningRate, double power, boolean cycle)
        implements Schedule {
    PolynomialDecay {
        Check.finiteNonNegative("lr", learningRate);
        Check.positive("decay_steps", decaySteps);
        Check.finiteNonNegative("end_lr", endLearningRate);
        Check.finitePositive("power", power);
    }

    @Override
    public double at(long step) {
        double horizon;
        double s;
        if (cycle) {
            // TF: multiplier = 1 at step 0, else ceil(step / decay_steps); the boundary step ends a cycle.
            long multiplier = step == 0 ? 1 : (step + decaySteps - 1) / decaySteps;
            horizon = (double) decaySteps * multiplier;
            s = step;
        } else {
            horizon = decaySteps;
            s = Math.min(step, decaySteps);
        }
        return (learningRate - endLearningRate) * Math.pow(1 - s / horizon, power) + endLearningRate;
    }

    @Override
    public String toString() {
        return Check.spec("polynomial", "lr", learningRate, "decay_steps", decaySteps, "end_lr", endLearningRate,
                "power", power, "cycle", cycle).toString();
    }
}
