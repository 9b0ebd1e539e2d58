package dev.descent.optim;

/**
 * Bias correction of an exponential moving average started at zero (Kingma &amp; Ba 2015, section 3):
 * after {@code t} updates with decay β, the average underestimates by the factor {@code 1 − βᵗ}.
 * Computed in double once per step, then used as a float inside the fused loop, as PyTorch does with
 * its Python-float scalars.
 */
public final class BiasCorrection {
    private BiasCorrection() {
    }

    /** {@code 1 − βᵗ} for step {@code t >= 1}. */
    public static double of(double beta, long t) {
        return 1 - Math.pow(beta, t);
    }
}
