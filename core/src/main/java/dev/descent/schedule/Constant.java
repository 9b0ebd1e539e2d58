package dev.descent.schedule;

/** {@link Schedule#constant}. */
record Constant(double learningRate) implements Schedule {
    Constant {
        Check.finiteNonNegative("lr", learningRate);
    }

    @Override
    public double at(long step) {
        return learningRate;
    }

    @Override
    public String toString() {
        return Check.spec("constant", "lr", learningRate).toString();
    }
}
