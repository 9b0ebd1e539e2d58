package dev.descent.report;

import dev.descent.search.Goal;
import dev.descent.sweep.SweepResults;
import dev.descent.sweep.SweepSummary;
import dev.descent.sweep.TrialRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.descent.report.SweepFixtureTest.point;
import static dev.descent.report.SweepFixtureTest.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one choice rule, {@link SweepSummary#choose}: last rung only, diverged never, ties to the smaller learning rate. */
class SweepChoiceTest {

    @Test
    void choose_takesTheBestAtTheLastRung_notTheBestOfAnyRung() {
        // momentum on p1: trial 3 has the best rung-0 metric (0.95) but trial 4 is better at the full budget (0.93 > 0.90)
        TrialRecord c = SweepSummary.choose(SweepFixtureTest.results(), "p1", "momentum").orElseThrow();
        assertEquals(4, c.trial());
        assertEquals(1, c.rung());
        assertEquals(90, c.steps());
        assertEquals(0.93, c.metric());
        // sgd on p1: the promoted trial's full-budget record (0.885), not its rung-0 record (0.89)
        TrialRecord s = SweepSummary.choose(SweepFixtureTest.results(), "p1", "sgd").orElseThrow();
        assertEquals(2, s.trial());
        assertEquals(1, s.rung());
        assertEquals(0.885, s.metric());
    }

    @Test
    void choose_withOneRung_takesTheBestOfAllTrials_andATieGoesToTheSmallerLearningRate() {
        SweepResults r = SweepFixtureTest.results();
        TrialRecord sgd = SweepSummary.choose(r, "p2", "sgd").orElseThrow();   // 0.90 at lr 0.1 and at lr 1
        assertEquals(0.1, sgd.lr());
        assertEquals(2, sgd.trial());
        // the same tie with the larger learning rate sampled first (a random sampler's order)
        List<TrialRecord> shuffled = List.of(trial("p", "o", 0, 0, point(1), 20, 0.9, 1), trial("p", "o", 1, 0, point(0.1), 20, 0.9, 1),
                trial("p", "o", 2, 0, point(0.01), 20, 0.8, 1));
        assertEquals(1, SweepSummary.choose(shuffled, Goal.MAXIMIZE).orElseThrow().trial());
    }

    @Test
    void choose_neverPicksADivergedTrial_andIsEmptyWhenEveryTrialDiverged() {
        SweepResults r = SweepFixtureTest.results();
        assertEquals(0.01, SweepSummary.choose(r, "p2", "adam").orElseThrow().lr());   // lr 1 diverged (NaN)
        assertTrue(SweepSummary.choose(r, "p2", "momentum").isEmpty());
        assertTrue(SweepSummary.choose(List.of(), Goal.MAXIMIZE).isEmpty());
    }

    @Test
    void choose_whenEveryTrialAtTheLastRungDiverged_theRungBeforeDecides() {
        List<TrialRecord> t = List.of(trial("p", "o", 0, 0, point(0.01), 30, 0.8, 1), trial("p", "o", 1, 0, point(0.1), 30, 0.85, 1),
                trial("p", "o", 1, 1, point(0.1), 12, Double.NaN, 1));
        TrialRecord c = SweepSummary.choose(t, Goal.MAXIMIZE).orElseThrow();
        assertEquals(0, c.rung());
        assertEquals(1, c.trial());
        assertEquals(0.85, c.metric());
    }

    @Test
    void choose_aLossIsMinimized() {
        List<TrialRecord> t = List.of(trial("p", "o", 0, 0, point(0.01), 30, 0.3, 1), trial("p", "o", 1, 0, point(0.1), 30, 0.2, 1),
                trial("p", "o", 2, 0, point(1), 30, 0.5, 1));
        assertEquals(1, SweepSummary.choose(t, Goal.MINIMIZE).orElseThrow().trial());
        assertEquals(2, SweepSummary.choose(t, Goal.MAXIMIZE).orElseThrow().trial());
    }

    @Test
    void choose_refusesTrialsOfSeveralPairs() {
        List<TrialRecord> t = List.of(trial("p", "a", 0, 0, point(0.01), 30, 0.3, 1), trial("p", "b", 0, 0, point(0.1), 30, 0.2, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> SweepSummary.choose(t, Goal.MAXIMIZE));
        assertTrue(e.getMessage().contains("one problem and one optimizer"), e.getMessage());
    }
}
