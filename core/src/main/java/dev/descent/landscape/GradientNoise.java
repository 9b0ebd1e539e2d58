package dev.descent.landscape;

import dev.descent.random.Rng;

/**
 * Additive Gaussian noise on the gradient, {@code g̃ = ∇f + σ·ε} with {@code ε ~ N(0, I)}, as in the noisy
 * 2-D problems of DeepOBS (Schneider, Balles &amp; Hennig 2019): the optimizer sees a stochastic gradient of
 * a known function, the way a minibatch gradient is a noisy estimate of the full one.
 *
 * <p>Every path draws from its own stream {@code Rng.derive(seed, STREAM_NOISE)}, so all optimizers of a
 * comparison see the same noise at the same step, and the same seed gives the same paths.
 *
 * <pre>{@code
 * GradientNoise noise = GradientNoise.of(0.5, 1);
 * Rng rng = noise.stream();
 * f.gradient(x, y, g);
 * noise.add(rng, g);
 * }</pre>
 */
public record GradientNoise(double sigma, long seed) {
    /** No noise: {@link #add} leaves the gradient as it is. */
    public static final GradientNoise NONE = new GradientNoise(0, 0);

    public GradientNoise {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + sigma);
        }
    }

    public static GradientNoise of(double sigma, long seed) {
        return new GradientNoise(sigma, seed);
    }

    public boolean isNone() {
        return sigma == 0;
    }

    /** A fresh stream for one path; every call returns the same sequence. */
    public Rng stream() {
        return Rng.derive(seed, Rng.STREAM_NOISE);
    }

    /** Adds {@code σ·ε} to each component of {@code g}, drawing from {@code rng}. */
    public void add(Rng rng, double[] g) {
        if (sigma == 0) {
            return;
        }
        for (int i = 0; i < g.length; i++) {
            g[i] += sigma * rng.nextGaussian();
        }
    }

    @Override
    public String toString() {
        return isNone() ? "no noise" : "gradient noise σ=" + Landscapes.num(sigma) + ", seed " + seed;
    }
}
