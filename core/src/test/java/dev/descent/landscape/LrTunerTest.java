package dev.descent.landscape;

import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LrTunerTest {

    private static LandscapePath sgdOnBowl(double lr) {
        Landscape f = Landscapes.parse("bowl(a=1)");
        return PathRunner.run(f, Optimizers.parse("sgd"), Schedule.constant(lr), 10, f.start(), GradientNoise.NONE);
    }

    @Test
    void halfDecades_fromOneTenThousandthToOne() {
        double[] g = LrTuner.halfDecades(1e-4, 1);
        assertEquals(9, g.length);
        assertEquals(1e-4, g[0]);
        assertEquals(Math.sqrt(10) * 1e-4, g[1], 1e-18);
        assertEquals(1, g[8]);
    }

    @Test
    void tune_picksTheRateThatJumpsToTheMinimum() {
        // on x² + y² SGD multiplies the point by 1 − 2·lr: lr 0.5 lands on the minimum in one step
        LrTuner.Result r = LrTuner.tune(new double[] {0.01, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5}, LrTunerTest::sgdOnBowl);
        assertEquals(0.5, r.lr());
        assertEquals(0, r.path().finalValue());
        assertEquals(7, r.candidates().size());
        assertEquals(LandscapePath.Stop.LEFT_DOMAIN, r.candidates().get(6).stop());
    }

    @Test
    void tune_givesTiesToTheSmallerRate() {
        // factors 0.5 and −0.5: the same distance after every step
        assertEquals(0.25, LrTuner.tune(new double[] {0.75, 0.25}, LrTunerTest::sgdOnBowl).lr());
    }

    @Test
    void tune_excludesDivergedRunsEvenWithALowerValue() {
        LandscapePath good = new LandscapePath(new double[] {1, 0}, new double[] {1, 0}, new double[] {2, 1}, LandscapePath.Stop.COMPLETED);
        LandscapePath gone = new LandscapePath(new double[] {1, 99}, new double[] {1, 99}, new double[] {2, 0}, LandscapePath.Stop.LEFT_DOMAIN);
        assertEquals(0.1, LrTuner.tune(new double[] {0.1, 1}, lr -> lr < 0.5 ? good : gone).lr());
        assertThrows(IllegalArgumentException.class, () -> LrTuner.tune(new double[] {0.1, 1}, lr -> gone));
        assertArrayEquals(new double[] {1, 0}, LrTuner.tune(new double[] {0.1}, lr -> good).path().x());
    }
}
