package dev.descent.train;

import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedule;
import dev.descent.schedule.Schedules;
import dev.descent.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizationTest {

    @Test
    void resolve_withoutRate_takesTheOptimizersDefaultUnderItsConvention() {
        assertEquals(Spec.parse("constant(lr=1.0)"), Optimization.resolve("adadelta", null, null).schedule());
        assertEquals(0.001, Optimization.resolve("adadelta(convention=tensorflow)", null, null).learningRate());
        assertEquals(0.001, Optimization.resolve("adam", null, null).learningRate());
        assertEquals(0.01, Optimization.resolve("rmsprop", null, null).learningRate());
        assertEquals(0.001, Optimization.resolve("rmsprop(convention=keras)", null, null).learningRate());
        assertEquals(0.01, Optimization.resolve("adagrad", null, null).learningRate());
        assertEquals(0.002, Optimization.resolve("adamax", null, null).learningRate());
        assertEquals(0.002, Optimization.resolve("nadam(convention=pytorch_1_13)", null, null).learningRate());
        assertEquals(0.01, Optimization.resolve("nesterov(convention=keras)", null, null).learningRate());
        assertEquals(1e-4, Optimization.resolve("lion", null, null).learningRate());
        assertEquals(0.001, Optimization.resolve("adabelief", null, null).learningRate());
        assertEquals(0.001, Optimization.resolve("sgd", null, null).learningRate());
    }

    @Test
    void resolve_ratePrecedence_scheduleThenSpecThenGivenThenDefault() {
        assertEquals(Spec.parse("constant(lr=0.01)"), Optimization.resolve("adadelta", 0.01, null).schedule());
        assertEquals(Spec.parse("constant(lr=0.3)"), Optimization.resolve("adadelta(lr=0.3)", 0.01, null).schedule());
        Optimization o = Optimization.resolve("adam(lr=0.3)", 0.01, "cosine(lr=0.5, decay_steps=10)");
        assertEquals(Spec.parse("cosine(lr=0.5, decay_steps=10)"), o.schedule());
        assertEquals(0.3, o.learningRate());
        assertEquals(Spec.parse("adam"), o.optimizer());
    }

    @Test
    void resolve_scheduleInsideTheOptimizerSpec_andNestedSchedulesGetTheRate() {
        Optimization o = Optimization.resolve("momentum(momentum=0.9, lr=0.1, schedule=cosine(decay_steps=200))", null, "constant");
        assertEquals(Spec.parse("momentum(momentum=0.9)"), o.optimizer());
        assertEquals(Spec.parse("cosine(decay_steps=200, lr=0.1)"), o.schedule());
        Optimization j = Optimization.resolve("sgd", 0.2, "join(schedules=[constant, warmup(warmup_steps=3, schedule=cosine(decay_steps=9))], boundaries=[5])");
        assertEquals(Spec.parse("join(schedules=[constant(lr=0.2), warmup(warmup_steps=3, schedule=cosine(decay_steps=9, lr=0.2))], "
                + "boundaries=[5])"), j.schedule());
    }

    /** The resolved schedule gives the very numbers the base-rate route gave before it. */
    @Test
    void newSchedule_isBitIdenticalToTheBaseRateRoute() {
        for (String s : new String[] {"constant", "step_decay(drop=0.5, epochs_drop=4)", "one_cycle(total_steps=100)",
                "join(schedules=[constant, cosine(decay_steps=90)], boundaries=[10])", "per_epoch(schedule=inverse_time(rate=0.3))"}) {
            Schedule before = Schedules.parse(s, 7, 0.0123);
            Schedule after = Optimization.resolve("adam", 0.0123, s).newSchedule(7);
            for (long t = 0; t < 300; t++) {
                assertEquals(Double.doubleToRawLongBits(before.at(t)), Double.doubleToRawLongBits(after.at(t)), s + " at " + t);
            }
        }
        assertEquals(Schedule.constant(0.001).toString(), Optimization.resolve("adam", null, null).newSchedule(1).toString());
    }

    @Test
    void resolve_badInput_saysWhatIsWrong() {
        assertEquals("adam: lr must be a number, got 'fast'",
                assertThrows(IllegalArgumentException.class, () -> Optimization.resolve("adam(lr=fast)", null, null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Optimization.resolve("adamm", null, null))
                .getMessage().startsWith("unknown optimizer 'adamm'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Optimization.resolve("adam", null, "cosin"))
                .getMessage().startsWith("unknown schedule 'cosin'"));
        assertThrows(IllegalArgumentException.class, () -> Optimization.resolve("adam", -1.0, null));
        assertThrows(IllegalArgumentException.class, () -> new Optimization(Spec.parse("adam(lr=1)"), Spec.of("constant"), 1));
    }

    @Test
    void listing_showsEveryDefaultLearningRate() {
        String listing = Optimizers.describe();
        for (Optimizers.Info info : Optimizers.list()) {
            assertFalse(info.learningRates().isEmpty(), info.name());
            for (Map.Entry<String, Double> lr : info.learningRates().entrySet()) {
                assertTrue(lr.getValue() > 0, info.name() + " " + lr);
                String convention = lr.getKey().equals("default") ? "" : "(convention=" + lr.getKey() + ")";
                assertEquals(lr.getValue(), Optimization.resolve(info.name() + convention, null, null).learningRate(), info.name() + convention);
            }
        }
        assertTrue(listing.contains("adadelta — AdaDelta (Zeiler 2012)\n    default lr           1.0 (pytorch), 0.001 (tensorflow), 0.001 (keras)\n"), listing);
    }
}
