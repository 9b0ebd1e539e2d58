package dev.descent.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SeriesStatsTest {

    @Test
    void of_handlesRunsOfDifferentLengths_andNaN() {
        SeriesStats s = SeriesStats.of(new double[] {1, 2, 3}, new double[] {3, 4}, new double[] {5, Double.NaN, 7});
        assertArrayEquals(new double[] {3, 3, 5}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, s.min(), 0);
        assertArrayEquals(new double[] {5, 4, 7}, s.max(), 0);
        assertArrayEquals(new int[] {3, 2, 2}, s.count());
        assertEquals(2, s.std()[0], 1e-12);                 // sample std of 1, 3, 5
        assertEquals(Math.sqrt(2), s.std()[1], 1e-12);      // of 2, 4
        assertEquals(1, s.truncate(3).length());
        assertArrayEquals(new double[] {1, 3 - Math.sqrt(2), 5 - 2 * Math.sqrt(2)}, s.meanMinusStd(), 1e-12);
    }

    @Test
    void of_agreesWithSampleStatsAtEachIndex() {
        double[][] runs = {{0.3, 1.7, 2.9}, {0.5, 1.1, 2.2}, {0.4, 1.3, 2.0}};
        SeriesStats s = SeriesStats.of(runs);
        for (int i = 0; i < 3; i++) {
            SampleStats at = SampleStats.of(runs[0][i], runs[1][i], runs[2][i]);
            assertEquals(at.mean(), s.mean()[i], 1e-15);
            assertEquals(at.std(), s.std()[i], 1e-15);
            assertEquals(at.min(), s.min()[i], 0);
            assertEquals(at.max(), s.max()[i], 0);
        }
    }
}
