package dev.descent.search;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SelectionTest {

    record Trial(int index, double lr, double metric) {
    }

    private static Optional<Integer> best(Goal goal, Trial... trials) {
        return Selection.best(List.of(trials), Trial::metric, Trial::lr, goal).map(Trial::index);
    }

    @Test
    void best_maxAccuracy_divergedExcluded() {
        assertEquals(Optional.of(1), best(Goal.MAXIMIZE, new Trial(0, 0.1, 0.90), new Trial(1, 0.01, 0.95),
                new Trial(2, 1, Double.NaN), new Trial(3, 0.001, 0.80)));
    }

    @Test
    void best_minLoss_infiniteExcluded() {
        assertEquals(Optional.of(3), best(Goal.MINIMIZE, new Trial(0, 0.1, 0.5), new Trial(1, 1, Double.NEGATIVE_INFINITY),
                new Trial(2, 0.01, 0.4), new Trial(3, 0.001, 0.3)));
    }

    @Test
    void best_tie_smallerLearningRate_thenEarlierTrial() {
        assertEquals(Optional.of(1), best(Goal.MAXIMIZE, new Trial(0, 0.1, 0.9), new Trial(1, 0.01, 0.9), new Trial(2, 0.1, 0.9)));
        assertEquals(Optional.of(0), best(Goal.MAXIMIZE, new Trial(0, 0.1, 0.9), new Trial(1, 0.1, 0.9)));
    }

    @Test
    void best_allDivergedOrNone_isEmpty() {
        assertEquals(Optional.empty(), best(Goal.MAXIMIZE, new Trial(0, 0.1, Double.NaN)));
        assertEquals(Optional.empty(), best(Goal.MAXIMIZE));
    }

    @Test
    void meanOfLast_handComputed() {
        double[] s = {9, 1, 2, 3, 4, 5};
        assertEquals(4.5, Selection.meanOfLast(s, 2), 0.0);
        assertEquals(4.0, Selection.meanOfLast(s, 3), 0.0);
        assertEquals(4.0, Selection.meanOfLast(s, 100), 0.0); // all six: 24 / 6
        assertEquals(5.0, Selection.meanOfLast(s, 1), 0.0);
    }

    @Test
    void meanOfLast_nonFiniteInTheTail_isNaN_beforeItIsIgnored() {
        assertEquals(Double.NaN, Selection.meanOfLast(new double[]{1, Double.NaN, 3}, 2));
        assertEquals(3.5, Selection.meanOfLast(new double[]{Double.NaN, 3, 4}, 2), 0.0);
        assertEquals(Double.NaN, Selection.meanOfLast(new double[0], 2));
        assertThrows(IllegalArgumentException.class, () -> Selection.meanOfLast(new double[]{1}, 0));
    }
}
