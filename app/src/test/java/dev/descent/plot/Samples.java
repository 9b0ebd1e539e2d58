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

    static double rosenbrock(double x, double y) {
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    }

    /** Iterates of a toy optimizer on Rosenbrock from (-1.5, 2): {x[], y[]}. kind: 0 gd, 1 momentum, 2 adam. */
    static double[][] rosenbrockPath(int kind, int steps) {
        double[] xs = new double[steps + 1], ys = new double[steps + 1];
        double x = -1.5, y = 2, vx = 0, vy = 0, mx = 0, my = 0, sx = 0, sy = 0;
        xs[0] = x;
        ys[0] = y;
        for (int t = 1; t <= steps; t++) {
            double gx = -2 * (1 - x) - 400 * x * (y - x * x), gy = 200 * (y - x * x);
            switch (kind) {
                case 0 -> {
                    x -= 1e-3 * gx;
                    y -= 1e-3 * gy;
                }
                case 1 -> {
                    vx = 0.9 * vx + gx;
                    vy = 0.9 * vy + gy;
                    x -= 2e-4 * vx;
                    y -= 2e-4 * vy;
                }
                default -> {
                    mx = 0.9 * mx + 0.1 * gx;
                    my = 0.9 * my + 0.1 * gy;
                    sx = 0.999 * sx + 0.001 * gx * gx;
                    sy = 0.999 * sy + 0.001 * gy * gy;
                    double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
                    x -= 0.05 * (mx / c1) / (Math.sqrt(sx / c2) + 1e-8);
                    y -= 0.05 * (my / c1) / (Math.sqrt(sy / c2) + 1e-8);
                }
            }
            xs[t] = x;
            ys[t] = y;
        }
        return new double[][] {xs, ys};
    }
}
