package dev.descent.schedule;

/**
 * {@link Schedule#cosineWarmRestarts}: SGDR as TF {@code CosineDecayRestarts}.
 *
 * <p>TF finds the period index with a logarithm, {@code floor(log(1 − f(1 − tMul)) / log tMul)}, which can land
 * just below an integer at an exact restart step. Walking the periods instead is exact there, and the loop runs
 * once per restart, a few dozen times at most.
 */
record CosineRestarts(double learningRate, long firstPeriod, double tMul, double mMul, double alpha)
        implements Schedule {
    CosineRestarts {
        Check.finiteNonNegative("lr", learningRate);
        Check.positive("first_decay_steps", firstPeriod);
        if (!(tMul >= 1) || Double.isInfinite(tMul)) {
            throw new IllegalArgumentException("t_mul must be finite and >= 1, got " + tMul);
        }
        Check.finitePositive("m_mul", mMul);
        Check.in("alpha", alpha, 0, false, 1, false);
    }

    @Override
    public double at(long step) {
        double start = 0;
        double period = firstPeriod;
        int restart = 0;
        if (tMul == 1) {
            restart = (int) Math.min(Integer.MAX_VALUE, step / firstPeriod);
            start = (double) restart * firstPeriod;
        } else {
            while (step >= start + period) {
                start += period;
                period *= tMul;
                restart++;
            }
        }
        double fraction = (step - start) / period;
        double cosine = 0.5 * Math.pow(mMul, restart) * (1 + Math.cos(Math.PI * fraction));
        return learningRate * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String toString() {
        return Check.spec("cosine_restarts", "lr", learningRate, "first_decay_steps", firstPeriod, "t_mul", tMul,
                "m_mul", mMul, "alpha", alpha).toString();
    }
}
