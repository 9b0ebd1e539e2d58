package dev.descent.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SchedulesTest {

    private static String message(Executable build) {
        return assertThrows(IllegalArgumentException.class, build).getMessage();
    }

    private static void assertSameValues(Schedule expected, Schedule actual) {
        for (long step = 0; step < 300; step++) {
            assertEquals(expected.at(step), actual.at(step), "step " + step);
        }
    }

    @Test
    void parse_stepDecayWithDefaultsFromArguments() {
        Schedule s = Schedules.parse("step_decay(drop=0.5, epochs_drop=4)", 10, 0.1);
        assertEquals("step_decay(lr=0.1, drop=0.5, epochs_drop=4, steps_per_epoch=10)", s.toString());
        assertSameValues(Schedule.stepDecay(0.1, 0.5, 4, 10), s);
    }

    @Test
    void parse_bareNameUsesBaseLearningRate() {
        assertEquals("constant(lr=0.03)", Schedules.parse(" constant ", 1, 0.03).toString());
        assertEquals("constant(lr=0.03)", Schedules.parse("constant()", 1, 0.03).toString());
    }

    @Test
    void parse_epochKeysAreConvertedToSteps() {
        Schedule s = Schedules.parse("cosine(decay_epochs=3, alpha=0.1, warmup_epochs=0.5)", 10, 0.1);
        assertEquals("cosine(lr=0.1, decay_steps=30, alpha=0.1, warmup_steps=5, warmup_start=0)", s.toString());
        Schedule p = Schedules.parse("piecewise_constant(boundary_epochs=[1, 2.5], values=[1, 0.1, 0.01])", 10, 1);
        assertEquals("piecewise_constant(boundaries=[10, 25], values=[1, 0.1, 0.01])", p.toString());
    }

    @Test
    void parse_everyToStringReadsBack() {
        List<Schedule> all = List.of(
                Schedule.constant(0.25),
                Schedule.stepDecay(0.1, 0.5, 4, 7),
                Schedule.exponentialDecay(0.1, 0.96, 100, true),
                Schedule.exponential(1e-3, 0.5, 3),
                Schedule.piecewiseConstant(new long[] {10, 20}, new double[] {1, 0.5, 1e-4}),
                Schedule.inverseTime(0.5, 0.01),
                Schedule.inverseTimeDecay(0.5, 0.3, 10, true),
                Schedule.polynomial(0.1, 100, 1e-4, 2, true),
                Schedule.cosine(0.1, 100, 0.05),
                Schedule.cosineWarmRestarts(0.1, 10, 1.5, 0.9, 0.01),
                Schedule.oneCycle(0.4, 120, 0.25, 20, 1e3),
                Schedule.cosine(0.1, 100, 0).withWarmup(10, 0.001),
                Schedule.cosine(0.1, 100, 0).withWarmup(10, 0.001).withWarmup(3, 0),
                Schedule.join(List.of(Schedule.constant(0.1).withWarmup(5, 0), Schedule.cosine(0.1, 50, 0)), 5),
                new Epochs(4).perEpoch(Schedule.staircase(0.1, 0.5, 3)));
        for (Schedule s : all) {
            Schedule back = Schedules.parse(s.toString(), 1, 99);
            assertEquals(s.toString(), back.toString());
            assertSameValues(s, back);
        }
    }

    @Test
    void create_fromNameAndMap() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("rate", "0.96");
        params.put("decay_steps", "1000");
        params.put("staircase", "true");
        Schedule s = Schedules.create("exponential", params, 1, 0.1);
        assertEquals("exponential(lr=0.1, rate=0.96, decay_steps=1000, staircase=true)", s.toString());
    }

    @Test
    void parse_unknownNameListsKnownOnes() {
        assertEquals("unknown schedule 'cosin'; known: constant, step_decay, exponential, piecewise_constant, "
                + "inverse_time, polynomial, cosine, cosine_restarts, one_cycle, warmup, join, per_epoch",
                message(() -> Schedules.parse("cosin(decay_steps=3)", 1, 0.1)));
    }

    @Test
    void parse_unknownKeyListsAllowedOnes() {
        assertEquals("unknown key 'dcay_steps' for schedule cosine; allowed: lr, decay_steps (or decay_epochs), alpha, "
                + "warmup_steps (or warmup_epochs), warmup_start",
                message(() -> Schedules.parse("cosine(dcay_steps=3)", 1, 0.1)));
    }

    @Test
    void parse_missingRequiredKey() {
        assertEquals("invalid schedule 'cosine(alpha=0.1)': schedule cosine needs decay_steps (or decay_epochs)",
                message(() -> Schedules.parse("cosine(alpha=0.1)", 1, 0.1)));
    }

    @Test
    void parse_valueRejectedByFactoryNamesTheSpec() {
        assertEquals("invalid schedule 'cosine(decay_steps=10, alpha=2)': alpha must be in [0, 1], got 2.0",
                message(() -> Schedules.parse("cosine(decay_steps=10, alpha=2)", 1, 0.1)));
        assertEquals("invalid schedule 'step_decay(epochs_drop=4, drop=0)': drop must be in (0, 1], got 0.0",
                message(() -> Schedules.parse("step_decay(epochs_drop=4, drop=0)", 1, 0.1)));
    }

    @Test
    void parse_malformedValues() {
        assertEquals("invalid schedule 'cosine(decay_steps=1e3)': decay_steps must be a whole number of steps, got '1e3'",
                message(() -> Schedules.parse("cosine(decay_steps=1e3)", 1, 0.1)));
        assertEquals("invalid schedule 'exponential(rate=0.5, decay_steps=2, staircase=yes)': staircase must be true or "
                + "false, got 'yes'", message(() -> Schedules.parse("exponential(rate=0.5, decay_steps=2, staircase=yes)", 1, 0.1)));
        assertEquals("unbalanced brackets in schedule spec 'join(schedules=[constant, boundaries=[1])'",
                message(() -> Schedules.parse("join(schedules=[constant, boundaries=[1])", 1, 0.1)));
        assertEquals("key 'lr' given twice in schedule spec 'constant(lr=1, lr=2)'",
                message(() -> Schedules.parse("constant(lr=1, lr=2)", 1, 0.1)));
        assertEquals("give decay_steps or decay_epochs for schedule cosine, not both",
                message(() -> Schedules.parse("cosine(decay_steps=1, decay_epochs=1)", 1, 0.1)));
        assertEquals("schedule spec 'cosine(decay_steps=1' must end with ')'",
                message(() -> Schedules.parse("cosine(decay_steps=1", 1, 0.1)));
    }

    @Test
    void catalog_listsEveryNameWithItsKeys() {
        assertEquals(Schedules.names(), Schedules.catalog().stream().map(Schedules.Entry::name).toList());
        String help = Schedules.help();
        for (String name : Schedules.names()) {
            assertTrue(help.contains(name + "("), name);
        }
        assertTrue(help.contains("cosine(lr=<base lr>, decay_steps=<required>, alpha=0, warmup_steps=0, warmup_start=0)"),
                help);
    }
}
