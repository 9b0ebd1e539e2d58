package dev.descent.plot;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Synthetic training-like data for tests and sample pictures (no training is run). */
final class Samples {
    private Samples() {
    }

    static double[] steps(int n) {
        double[] x = new double[n];
        Arrays.setAll(x, i -> i);
        return x;
    }

    /** A noisy loss curve decaying from ~2.3 towards {@code floor} at {@code rate}, with an initial spike. */
    static double[] loss(int n, double rate, double floor, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double clean = floor + (2.3 - floor) * Math.exp(-rate * i);
            y[i] = clean * Math.exp(0.35 * r.nextGaussian());
        }
        y[0] = 9;
        y[1] = 5;
        return y;
    }
}
