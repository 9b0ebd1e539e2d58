package dev.descent.landscape;

import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedule;
import dev.descent.search.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.function.DoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LrTunerTest {

    private static LandscapePath sgdOnBowl(double lr) {
        Landscape f = Landscapes.parse("bowl(a=1)");
        return PathRunner.run(f, Optimizers.parse("sgd"), Schedule.constant(lr), 10, f.start(), GradientNoise.NONE);
    }

    private static SearchSpace rates(String list) {
        return SearchSpace.parse("space(lr=[" + list + "])");
    }

    /** A completed path with these function values (the points do not matter to the tuner). */
    private static LandscapePath path(double... f) {
        return new LandscapePath(new double[f.length], new double[f.length], f, LandscapePath.Stop.COMPLETED);
    }

    @Test
    void defaultSpace_isTheHalfDecadeGridFromOneTenThousandthToOne() {
        double[] g = LrTuner.rates(LrTuner.DEFAULT_SPACE);
        assertEquals(9, g.length);
        for (int k = -8; k <= 0; k++) {
            double want = Math.pow(10, k / 2.0), got = g[k + 8];
            if (k % 2 == 0) {
                assertEquals(Double.parseDouble("1e" + k / 2), got, 0, "powers of ten exactly");
            } else {
                assertEquals(want, got, 1e-12 * want, "half decade 10^" + k / 2.0);
            }
            // what the optimizers step with is the float rate: the same as the old grid's Math.pow(10, k/2)
            assertEquals((float) want, (float) got, 0, "float rate at 10^" + k / 2.0);
        }
        assertEquals("lr tuned on a 9-point log grid by the mean of the last 20 values of f", LrTuner.describe(LrTuner.DEFAULT_SPACE, 200));
    }

    @Test
    void window_isATenthOfTheStepsAndAtLeastOne() {
        assertEquals(20, LrTuner.window(200));
        assertEquals(50, LrTuner.window(500));
        assertEquals(1, LrTuner.window(19));
        assertEquals(1, LrTuner.window(1));
        assertEquals("lr tuned on 2 given rates by the final value of f", LrTuner.describe(rates("0.1, 1"), 9));
        assertEquals("lr tuned on a 3-point linear grid by the mean of the last 3 values of f",
                LrTuner.describe(SearchSpace.parse("space(lr=range(low=0.1, high=0.3, points=3))"), 30));
    }

    @Test
    void score_isTheMeanOfTheLastTenthAndNaNForADivergedPath() {
        // 20 steps: the last 2 of the 21 values, (3 + 5) / 2
        double[] f = new double[21];
        Arrays.fill(f, 100);
        f[19] = 3;
        f[20] = 5;
        assertEquals(4, LrTuner.score(path(f)));
        assertEquals(7, LrTuner.score(path(9, 7)), "one step: the final value");
        LandscapePath gone = new LandscapePath(new double[2], new double[2], new double[] {2, 0}, LandscapePath.Stop.LEFT_DOMAIN);
        assertTrue(Double.isNaN(LrTuner.score(gone)), "left the domain with a finite value: still not ranked");
    }

    @Test
    void tune_ranksByTheMeanOfTheLastStepsNotByTheFinalValue() {
        // 20 steps, window 2. lr 0.1 settles at 0.5; lr 1 swings between 2 and 0.1 and stops on a low swing.
        double[] steady = new double[21], swinging = new double[21];
        for (int t = 0; t <= 20; t++) {
            steady[t] = t < 10 ? 10 - t : 0.5;
            swinging[t] = t % 2 == 0 ? 0.1 : 2;
        }
        DoubleFunction<LandscapePath> run = lr -> path(lr < 0.5 ? steady : swinging);
        assertTrue(swinging[20] < steady[20], "the final value alone would pick lr 1");
        LrTuner.Result r = LrTuner.tune(rates("0.1, 1"), run);
        assertEquals(0.1, r.lr());
        assertEquals(0.5, r.candidates().get(0).score());
        assertEquals((2 + 0.1) / 2, r.candidates().get(1).score(), 1e-15);
        assertArrayEquals(steady, r.path().f());
    }

    @Test
    void tune_picksTheRateThatJumpsToTheMinimum() {
        // on x² + y² SGD multiplies the point by 1 − 2·lr: lr 0.5 lands on the minimum in one step
        LrTuner.Result r = LrTuner.tune(rates("0.01, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5"), LrTunerTest::sgdOnBowl);
        assertEquals(0.5, r.lr());
        assertEquals(0, r.path().finalValue());
        assertEquals(7, r.candidates().size());
        assertEquals(LandscapePath.Stop.LEFT_DOMAIN, r.candidates().get(6).path().stop());
        assertTrue(Double.isNaN(r.candidates().get(6).score()));
    }

    @Test
    void tune_givesTiesToTheSmallerRate() {
        // factors 0.5 and −0.5: the same distance after every step, listed larger rate first
        assertEquals(0.25, LrTuner.tune(rates("0.75, 0.25"), LrTunerTest::sgdOnBowl).lr());
    }

    @Test
    void tune_excludesDivergedRunsEvenWithALowerValue() {
        LandscapePath good = path(2, 1);
        LandscapePath gone = new LandscapePath(new double[] {1, 99}, new double[] {1, 99}, new double[] {2, 0}, LandscapePath.Stop.LEFT_DOMAIN);
        assertEquals(0.1, LrTuner.tune(rates("0.1, 1"), lr -> lr < 0.5 ? good : gone).lr());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrTuner.tune(rates("0.1, 1"), lr -> gone));
        assertEquals("every learning rate of space(lr=[0.1, 1]) diverged or left the domain", e.getMessage());
        assertArrayEquals(new double[] {2, 1}, LrTuner.tune(rates("0.1"), lr -> good).path().f());
    }

    @Test
    void rates_refuseASpaceTuningCannotUse() {
        assertEquals(msg("space(lr=[0.1], momentum=[0.9])"), "landscape tuning searches the learning rate only: the space must have "
                + "the one dimension lr, got lr, momentum; e.g. " + LrTuner.DEFAULT_SPACE_SPEC);
        assertEquals(msg("space(lr=range(low=0, high=1, points=3))"), "lr: every learning rate must be a finite number > 0, got 0");
        assertEquals(msg("space(lr=[fast])"), "lr: every learning rate must be a finite number > 0, got fast");
        assertTrue(msg("space(lr=range(low=1e-4, high=1, scale=log))").startsWith("lr: a grid needs points"));
    }

    private static String msg(String space) {
        return assertThrows(IllegalArgumentException.class, () -> LrTuner.rates(SearchSpace.parse(space))).getMessage();
    }
}
