package dev.descent.schedule;

/**
 * {@link Schedule#oneCycle}: PyTorch {@code OneCycleLR(anneal_strategy='cos', three_phase=False)}.
 *
 * <p>PyTorch puts the end of the rising phase at the real step {@code pctStart · totalSteps − 1}, not rounded,
 * and starts the falling phase from that same real step; both are kept, so the values match PyTorch's.
 */
record OneCycle(double maxLearningRate, long totalSteps, double pctStart, double divFactor, double finalDivFactor)
        implements Schedule {
    OneCycle {
        Check.finiteNonNegative("max_lr", maxLearningRate);
        Check.positive("total_steps", totalSteps);
        Check.in("pct_start", pctStart, 0, true, 1, true);
        if (!(pctStart * totalSteps > 1)) {
            throw new IllegalArgumentException("pct_start · total_steps must be > 1 so the rising phase spans a step, got "
                    + pctStart + " · " + totalSteps + " = " + pctStart * totalSteps);
        }
        Check.finitePositive("div_factor", divFactor);
        Check.finitePositive("final_div_factor", finalDivFactor);
    }

    double initialLearningRate() {
        return maxLearningRate / divFactor;
    }

    double finalLearningRate() {
        return initialLearningRate() / finalDivFactor;
    }

    @Override
    public double at(long step) {
        double peak = pctStart * totalSteps - 1;
        double last = totalSteps - 1;
        if (step <= peak) {
            return anneal(initialLearningRate(), maxLearningRate, step / peak);
        }
        if (step >= last) {
            return finalLearningRate();
        }
        return anneal(maxLearningRate, finalLearningRate(), (step - peak) / (last - peak));
    }

    /** PyTorch's {@code _annealing_cos}: from {@code start} at {@code pct = 0} to {@code end} at 1. */
    private static double anneal(double start, double end, double pct) {
        return end + (start - end) / 2 * (Math.cos(Math.PI * pct) + 1);
    }

    @Override
    public String toString() {
        return Check.spec("one_cycle", "max_lr", maxLearningRate, "total_steps", totalSteps, "pct_start", pctStart,
                "div_factor", divFactor, "final_div_factor", finalDivFactor).toString();
    }
}
