package dev.descent.plot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicksTest {

    static boolean isNice(double step) {
        double mag = Math.pow(10, Math.floor(Math.log10(step)));
        double m = step / mag;
        return Math.abs(m - 1) < 1e-9 || Math.abs(m - 2) < 1e-9 || Math.abs(m - 5) < 1e-9;
    }

    @Test
    void linear_zeroTo2point3_stepsByHalves() {
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2}, Ticks.linear(0, 2.3, 6));
        assertArrayEquals(new String[] {"0.0", "0.5", "1.0", "1.5", "2.0"}, Ticks.labels(Ticks.linear(0, 2.3, 6)));
    }

    @Test
    void linear_stepsAreOneTwoFive_forManyRanges() {
        double[][] ranges = {{0, 1}, {0, 999}, {-3.7, 12.2}, {0.0013, 0.0071}, {1e6, 3.4e6}, {-1, -0.2}};
        for (double[] r : ranges) {
            for (int target : new int[] {3, 5, 8}) {
                double[] t = Ticks.linear(r[0], r[1], target);
                assertTrue(t.length >= 2, "ticks for " + r[0] + ".." + r[1]);
                double step = t[1] - t[0];
                assertTrue(isNice(step), "step " + step + " for " + r[0] + ".." + r[1]);
                for (double v : t) {
                    assertTrue(v >= r[0] - 1e-12 && v <= r[1] + 1e-12);
                }
            }
        }
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, Ticks.linear(0.1, 0.4, 3));
    }

    @Test
    void log_thousandthToThousand_isEveryDecade() {
        double[] t = Ticks.log(0.001, 1000);
        assertArrayEquals(new double[] {0.001, 0.01, 0.1, 1, 10, 100, 1000}, t);
        assertArrayEquals(new String[] {"0.001", "0.01", "0.1", "1", "10", "100", "1000"}, Ticks.labels(t));
    }

    @Test
    void log_fewDecades_addsTwosAndFives_manyDecades_skipsSome() {
        assertArrayEquals(new double[] {1, 2, 5, 10, 20}, Ticks.log(1, 30));
        double[] wide = Ticks.log(1e-12, 1e12);
        assertTrue(wide.length <= 10 && wide.length >= 5, "ticks " + wide.length);
        String[] l = Ticks.labels(wide);
        assertTrue(l[0].contains("e"), "tiny values in scientific notation: " + l[0]);
        assertThrows(IllegalArgumentException.class, () -> Ticks.log(0, 1));
    }

    @Test
    void labels_haveNoFloatNoise() {
        String[] l = Ticks.labels(Ticks.linear(0, 0.0009, 4));
        for (String s : l) {
            assertTrue(s.length() <= 6, s);
        }
        assertEquals("0", Ticks.labels(new double[] {-0.0, 1, 2})[0]);
    }
}
