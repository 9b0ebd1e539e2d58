package dev.descent.spec;

import dev.descent.landscape.Landscape;
import dev.descent.landscape.Landscapes;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedule;
import dev.descent.schedule.Schedules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered optimizer, schedule and landscape function prints as a spec with every default written out,
 * and that spec parses back to an equal spec and an equal thing.
 */
class RegistryRoundTripTest {

    /** The spec a thing printed, after checking that printing it and parsing again gives an equal spec. */
    private static Spec reparsed(String printedText, String kind) {
        Spec printed = Spec.parse(printedText, kind);
        assertEquals(printed, Spec.parse(printed.toString(), kind));
        return printed;
    }

    static Stream<String> optimizers() {
        return Optimizers.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void optimizer_printsEveryDefault_andParsesBack(String name) {
        Optimizer o = Optimizers.parse(name);
        Spec printed = reparsed(o.toString(), "optimizer");
        assertEquals(o.toString(), Optimizers.create(printed).toString());
        for (Param p : Optimizers.registry().entry(name).params()) {
            if (!p.defaultValue().equals("off")) { // clip_norm, clip_value, on_nonfinite: off means the key is absent
                assertTrue(printed.has(p.key()), name + " prints " + p.key() + ": " + printed);
                assertEquals(Value.parse(p.defaultValue()), printed.get(p.key()), name + "." + p.key());
            }
        }
    }

    /** The smallest spec of each schedule: its required keys given, everything else left to the defaults. */
    static Stream<String> schedules() {
        return Stream.of("constant", "step_decay(epochs_drop=4)", "exponential(rate=0.5, decay_steps=10)",
                "piecewise_constant(boundaries=[10, 20], values=[1, 0.5, 0.1])", "inverse_time(rate=0.5)",
                "polynomial(decay_steps=100)", "cosine(decay_steps=100)", "cosine_restarts(first_decay_steps=10)",
                "one_cycle(total_steps=100)", "warmup(warmup_steps=5, schedule=cosine(decay_steps=100))",
                "join(schedules=[constant, cosine(decay_steps=90)], boundaries=[10])",
                "per_epoch(schedule=step_decay(epochs_drop=2, steps_per_epoch=1))");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void schedule_printsEveryDefault_andParsesBack(String text) {
        assertEquals(Schedules.names().size(), schedules().count(), "one spec per registered schedule");
        Schedule s = Schedules.parse(text, 7, 0.05);
        Spec printed = reparsed(s.toString(), "schedule");
        Schedule back = Schedules.create(printed, 7, 99);
        assertEquals(s.toString(), back.toString());
        for (long t : new long[] {0, 1, 5, 50, 500}) {
            assertEquals(s.at(t), back.at(t), text + " at " + t);
        }
        for (Param p : Schedules.registry().entry(printed.name()).params()) {
            if (p.key().startsWith("warmup_") && !printed.has("warmup_steps")) {
                continue; // a warmup of 0 steps is no warmup, and prints as none
            }
            assertTrue(printed.has(p.key()), text + " prints " + p.key() + ": " + printed);
        }
    }

    static Stream<String> functions() {
        return Landscapes.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void function_printsEveryDefault_andParsesBack(String name) {
        Landscape f = Landscapes.parse(name);
        Spec printed = reparsed(f.name(), "function");
        assertEquals(f.name(), Landscapes.parse(printed.toString()).name());
        assertEquals(f.value(0.3, -0.7), Landscapes.parse(printed.toString()).value(0.3, -0.7));
        for (Param p : Landscapes.registry().entry(name).params()) {
            assertEquals(Value.parse(p.defaultValue()), printed.get(p.key()), name + "." + p.key());
        }
    }
}
