package dev.descent.landscape;

import dev.descent.landscape.Landscape.Domain;
import dev.descent.landscape.Landscape.Point;
import dev.descent.optim.Optimizer;
import dev.descent.random.Rng;
import dev.descent.schedule.Schedule;

import java.util.Arrays;

/**
 * Runs an optimizer on a landscape: the point is a {@code float[2]} parameter array and the gradient a
 * {@code float[2]} of the same layout, exactly what {@link Optimizer#step} updates when it trains a network.
 *
 * <pre>{@code
 * LandscapePath p = PathRunner.run(Landscapes.parse("rosenbrock"), Optimizers.parse("adam"),
 *         Schedule.constant(0.05), 300, f.start(), GradientNoise.NONE);
 * }</pre>
 *
 * <p>Step t (from 0) evaluates the gradient at the current point in double precision, adds the noise, rounds
 * it to float and calls {@code optimizer.step(params, grads, schedule.at(t))}. The path stops early when the
 * point or its value stops being finite, or the point leaves the domain grown by its own size on each side.
 * The path records the point an evaluation would use ({@link Optimizer#toEval}): for Schedule-Free the average x,
 * while the gradients are taken at y; for every other optimizer the parameters themselves.
 */
public final class PathRunner {
    /** How far outside the domain a point may go, in domain sizes on each side, before the path stops. */
    public static final double ESCAPE = 1.0;

    private PathRunner() {
    }

    /** Resets {@code optimizer}, then takes up to {@code steps} steps from {@code start}. */
    public static LandscapePath run(Landscape f, Optimizer optimizer, Schedule schedule, int steps, Point start,
                                    GradientNoise noise) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        optimizer.reset();
        Domain far = f.domain().grown(ESCAPE);
        float[] params = {(float) start.x(), (float) start.y()};
        float[] grads = new float[2];
        float[] shown = new float[2];
        double[] g = new double[2];
        double[] xs = new double[steps + 1], ys = new double[steps + 1], fs = new double[steps + 1];
        xs[0] = params[0];
        ys[0] = params[1];
        fs[0] = f.value(params[0], params[1]);
        Rng rng = noise.stream();
        LandscapePath.Stop stop = LandscapePath.Stop.COMPLETED;
        int n = 1;
        for (int t = 0; t < steps; t++) {
            f.gradient(params[0], params[1], g);
            noise.add(rng, g);
            grads[0] = (float) g[0];
            grads[1] = (float) g[1];
            optimizer.step(params, grads, schedule.at(t));
            shown[0] = params[0];
            shown[1] = params[1];
            optimizer.toEval(shown);   // the reported point: x for Schedule-Free (gradients are taken at y), params otherwise
            double x = shown[0], y = shown[1], v = f.value(x, y);
            optimizer.toTrain(shown);
            if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(v)) {
                stop = LandscapePath.Stop.NON_FINITE;
                break;
            }
            xs[n] = x;
            ys[n] = y;
            fs[n] = v;
            n++;
            if (!far.contains(x, y)) {
                stop = LandscapePath.Stop.LEFT_DOMAIN;
                break;
            }
        }
        return new LandscapePath(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), Arrays.copyOf(fs, n), stop);
    }
}
