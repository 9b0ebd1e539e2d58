package dev.descent.landscape;

import dev.descent.landscape.Landscape.Point;
import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathRunnerTest {

    @Test
    void sgd_onQuadratic_followsTheUpdateByHand() {
        Landscape f = Landscapes.parse("quadratic(condition=10)");
        float lr = 0.05f;
        LandscapePath p = PathRunner.run(f, Optimizers.parse("sgd"), Schedule.constant(lr), 5, new Point(-9, 4), GradientNoise.NONE);
        float x = -9, y = 4;
        assertEquals(6, p.x().length);
        for (int t = 0; t <= 5; t++) {
            assertEquals(x, p.x()[t], 0, "x at step " + t);
            assertEquals(y, p.y()[t], 0, "y at step " + t);
            assertEquals(0.5 * ((double) x * x + 10.0 * y * y), p.f()[t], 1e-12);
            // ∇f = (x, 10y) for ½(x² + 10y²)
            x = x - lr * x;
            y = y - lr * (float) (10.0 * y);
        }
        assertEquals(LandscapePath.Stop.COMPLETED, p.stop());
    }

    @Test
    void divergence_stopsThePathAndSaysWhy() {
        Landscape f = Landscapes.parse("bowl(a=1)"); // SGD factor 1 − 2·lr = −3 for lr 2: grows threefold a step
        LandscapePath p = PathRunner.run(f, Optimizers.parse("sgd"), Schedule.constant(2), 100, new Point(-4, 2), GradientNoise.NONE);
        assertEquals(LandscapePath.Stop.LEFT_DOMAIN, p.stop());
        assertTrue(p.steps() < 5, "stopped after " + p.steps());
        assertTrue(p.describeStop().contains("left the domain at step"), p.describeStop());
        LandscapePath nan = PathRunner.run(Landscapes.parse("rosenbrock"), Optimizers.parse("sgd"), Schedule.constant(1e30),
                10, new Point(-1.5, 2.5), GradientNoise.NONE);
        assertTrue(nan.diverged());
        for (double v : nan.f()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void noise_isReproducibleFromTheSeedAndDiffersAcrossSeeds() {
        Landscape f = Landscapes.parse("rosenbrock");
        LandscapePath a = PathRunner.run(f, Optimizers.parse("adam"), Schedule.constant(0.01), 50, f.start(), GradientNoise.of(0.5, 1));
        LandscapePath b = PathRunner.run(f, Optimizers.parse("adam"), Schedule.constant(0.01), 50, f.start(), GradientNoise.of(0.5, 1));
        LandscapePath c = PathRunner.run(f, Optimizers.parse("adam"), Schedule.constant(0.01), 50, f.start(), GradientNoise.of(0.5, 2));
        LandscapePath clean = PathRunner.run(f, Optimizers.parse("adam"), Schedule.constant(0.01), 50, f.start(), GradientNoise.NONE);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.y(), b.y());
        assertFalse(java.util.Arrays.equals(a.x(), c.x()));
        assertFalse(java.util.Arrays.equals(a.x(), clean.x()));
    }
}
