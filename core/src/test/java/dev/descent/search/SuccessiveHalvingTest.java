package dev.descent.search;

import dev.descent.search.SuccessiveHalving.Rung;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SuccessiveHalvingTest {

    private final SuccessiveHalving sh = new SuccessiveHalving(27, 3, 37, 1000);

    @Test
    void rungs_27trialsEta3_37to1000steps() {
        assertEquals(List.of(new Rung(0, 37, 27), new Rung(1, 111, 9), new Rung(2, 333, 3), new Rung(3, 1000, 1)), sh.rungs());
    }

    @Test
    void rungs_cappedByTrials_lastRungIsTheFullBudget() {
        // budgets alone would allow 10, 30, 90, 270, 810, but 5 trials leave 5 then 1
        assertEquals(List.of(new Rung(0, 333, 5), new Rung(1, 1000, 1)), new SuccessiveHalving(5, 3, 10, 1000).rungs());
        assertEquals(List.of(new Rung(0, 100, 8)), new SuccessiveHalving(8, 2, 100, 100).rungs());
        assertEquals(List.of(new Rung(0, 250, 8), new Rung(1, 500, 4), new Rung(2, 1000, 2)),
                new SuccessiveHalving(8, 2, 200, 1000).rungs());
    }

    /** Trial i's accuracy is (10·i mod 27)/27: a permutation of 0..26 whose order is worked out by hand. */
    private static Map<Integer, Double> rung0() {
        Map<Integer, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < 27; i++) {
            m.put(i, (10 * i % 27) / 27.0);
        }
        return m;
    }

    @Test
    void promote_rung0_topThirdBestFirst() {
        // 10⁻¹ = 19 (mod 27): the trial scoring v/27 is 19·v mod 27; v = 26, 25, ..., 18
        assertEquals(List.of(8, 16, 24, 5, 13, 21, 2, 10, 18), sh.promote(0, rung0(), Goal.MAXIMIZE));
    }

    @Test
    void promote_divergedTrial_neverPromoted_nextBestTakesItsPlace() {
        Map<Integer, Double> m = rung0();
        m.put(8, Double.NaN);
        assertEquals(List.of(16, 24, 5, 13, 21, 2, 10, 18, 26), sh.promote(0, m, Goal.MAXIMIZE));
    }

    @Test
    void promote_ties_goToTheSmallerTrialIndex() {
        Map<Integer, Double> m = new LinkedHashMap<>();
        for (int t : List.of(16, 24, 5, 13, 21, 2, 10, 18, 26)) {
            m.put(t, 0.5);
        }
        m.put(21, 0.1);
        assertEquals(List.of(21, 2, 5), sh.promote(1, m, Goal.MINIMIZE));
    }

    @Test
    void promote_allDiverged_orLastRung_promotesNone() {
        assertEquals(List.of(), sh.promote(2, Map.of(21, Double.NaN, 2, Double.POSITIVE_INFINITY, 5, Double.NaN), Goal.MINIMIZE));
        assertEquals(List.of(), sh.promote(3, Map.of(21, 0.1), Goal.MINIMIZE));
        assertThrows(IllegalArgumentException.class, () -> sh.promote(4, Map.of(), Goal.MINIMIZE));
    }

    @Test
    void constructor_badSettings_saysWhatIsAllowed() {
        assertEquals("successive halving needs eta >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving(27, 1, 37, 1000)).getMessage());
        assertEquals("successive halving needs trials >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving(0, 3, 37, 1000)).getMessage());
        assertEquals("successive halving needs a minimum budget >= 1 step, got 0",
                assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving(27, 3, 0, 1000)).getMessage());
        assertEquals("successive halving needs the maximum budget >= the minimum (37 steps), got 10",
                assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving(27, 3, 37, 10)).getMessage());
    }
}
