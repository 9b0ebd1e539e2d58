package dev.descent.pictures;

import dev.descent.landscape.Comparison;
import dev.descent.landscape.GradientNoise;
import dev.descent.landscape.Landscape;
import dev.descent.landscape.LandscapePath;
import dev.descent.landscape.PathRunner;
import dev.descent.landscape.PathSpec;
import dev.descent.optim.Optimizer;
import dev.descent.random.Rng;
import dev.descent.schedule.Schedule;
import dev.descent.train.Optimization;

import java.util.Arrays;
import java.util.List;

/**
 * The three sequences of one Schedule-Free path, each drawn as a path of its own:
 * <ul>
 *   <li><b>y</b>, where the gradients are taken: the parameters while training;
 *   <li><b>x</b>, the weighted average of the z's: what evaluation uses, and what every other landscape picture
 *       and {@code descent landscape} draw for Schedule-Free ({@link PathRunner});
 *   <li><b>z</b>, the base sequence that the gradient steps move (plain SGD or AdamW steps).
 * </ul>
 * y = β·x + (1 − β)·z interpolates between the other two. The steps are {@link PathRunner}'s (gradient at y in
 * double, noise, rounded to float); x and z are read from the optimizer's state, whose first two buffers are z and x
 * (Schedule-Free's layout), so every point is the optimizer's own float. All three stop together when any of them
 * stops being finite or leaves the domain grown by {@link PathRunner#ESCAPE} of its size on each side.
 */
public final class ScheduleFreeSequences {
    /** Drawn in this order, so that x, the one evaluation uses, lies on top and z, the noisiest, underneath. */
    private static final String[] NAMES = {"z", "y", "x"};
    private static final String[] ROLES = {"the base steps (SGD or AdamW steps, gradients taken at y)",
            "y = βx + (1 − β)z, the parameters while training, gradients taken here",
            "the weighted average of the z's, what evaluation uses"};

    private ScheduleFreeSequences() {
    }

    /** z, y and x (in that order) of the comparison's one optimizer, which must be Schedule-Free and have its lr. */
    public static List<LandscapePictures.Drawn> paths(Comparison c) {
        if (c.optimizers().size() != 1) {
            throw new IllegalArgumentException("the Schedule-Free sequences are drawn for one optimizer, got " + c.optimizers().size());
        }
        PathSpec spec = c.optimizers().getFirst();
        if (!spec.name().startsWith("schedule_free")) {
            throw new IllegalArgumentException("the sequences y, x, z belong to Schedule-Free (schedule_free_sgd, "
                    + "schedule_free_adamw), got " + spec.name());
        }
        if (spec.lr() == null) {
            throw new IllegalArgumentException("give " + spec.name() + " its lr: the sequences picture does not tune");
        }
        Optimization o = spec.optimization(spec.lr());
        Optimizer optimizer = o.newOptimizer();
        Schedule schedule = o.newSchedule(1);
        Landscape f = c.function();
        Landscape.Domain far = f.domain().grown(PathRunner.ESCAPE);
        int steps = c.steps();
        double[][] xs = new double[3][steps + 1], ys = new double[3][steps + 1], fs = new double[3][steps + 1];
        float[] params = {(float) c.start().x(), (float) c.start().y()}, grads = new float[2];
        double[] g = new double[2];
        for (int s = 0; s < 3; s++) {
            xs[s][0] = params[0];
            ys[s][0] = params[1];
            fs[s][0] = f.value(params[0], params[1]);
        }
        GradientNoise noise = c.noise();
        Rng rng = noise.stream();
        LandscapePath.Stop stop = LandscapePath.Stop.COMPLETED;
        int n = 1;
        for (int t = 0; t < steps && stop == LandscapePath.Stop.COMPLETED; t++) {
            f.gradient(params[0], params[1], g);
            noise.add(rng, g);
            grads[0] = (float) g[0];
            grads[1] = (float) g[1];
            optimizer.step(params, grads, schedule.at(t));
            float[][] state = optimizer.state().buffers();   // z, x, ...
            float[][] points = {state[0], params, state[1]};
            for (int s = 0; s < 3; s++) {
                double x = points[s][0], y = points[s][1], v = f.value(x, y);
                xs[s][n] = x;
                ys[s][n] = y;
                fs[s][n] = v;
                if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(v)) {
                    stop = LandscapePath.Stop.NON_FINITE;
                } else if (!far.contains(x, y) && stop == LandscapePath.Stop.COMPLETED) {
                    stop = LandscapePath.Stop.LEFT_DOMAIN;
                }
            }
            n += stop == LandscapePath.Stop.NON_FINITE ? 0 : 1;
        }
        List<LandscapePictures.Drawn> out = new java.util.ArrayList<>();
        for (int s = 0; s < 3; s++) {
            LandscapePath path = new LandscapePath(Arrays.copyOf(xs[s], n), Arrays.copyOf(ys[s], n), Arrays.copyOf(fs[s], n), stop);
            String label = NAMES[s] + ": " + ROLES[s];
            out.add(new LandscapePictures.Drawn(path.diverged() ? label + " — " + path.describeStop() : label,
                    spec + " [" + NAMES[s] + "]", path));
        }
        return out;
    }
}
