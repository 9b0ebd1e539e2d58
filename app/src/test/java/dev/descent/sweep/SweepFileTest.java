package dev.descent.sweep;

import dev.descent.data.Validation;
import dev.descent.problem.Problem;
import dev.descent.search.Dimension;
import dev.descent.search.Metric;
import dev.descent.search.Sampler;
import dev.descent.search.Scale;
import dev.descent.search.SuccessiveHalving;
import dev.descent.spec.Spec;
import dev.descent.spec.Value;
import dev.descent.study.RunSpec;
import dev.descent.train.Divergence;
import dev.descent.train.Optimization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweep files read, validated, written back; the presets hold what their comments say. */
class SweepFileTest {

    static SweepSpec parse(String yaml) {
        return SweepFile.parse(new StringReader(yaml), "s.yaml");
    }

    /** A file using every key, with values other than the defaults. */
    static final String RICH = """
            name: rich
            description: "every key: two problems, sampled, halving as a spec"
            problems:
              - "mnist-logreg(steps=60, batch=20)"
              - quadratic-deep
            validation: 1000
            divergence_factor: off
            smoothing: 0.5
            tuning:
              method: quasi_random
              trials: 7
              seed: 11
              early_stopping: successive_halving(eta=2, min_steps=5)
              metric: loss(at=best)
              seeds: [4, 9]
            search:
              lr: {low: 1e-4, high: 1e-1, scale: log}
            optimizers:
              - name: plain
                optimizer: sgd
              - name: heavy
                optimizer: momentum
                params: {convention: tensorflow}
                lr: 0.05
                schedule: "exponential(rate=0.96, decay_steps=100)"
                search:
                  rate: {low: 0.5, high: 0.99}
                  nesterov: [true, false]
                  lr: ["1e-3", 0.01]
            """;

    @Test
    void read_everyKey() {
        SweepSpec s = parse(RICH);
        assertEquals("rich", s.name());
        Problem logreg = s.problem("mnist-logreg");
        assertEquals(60, logreg.steps());
        assertEquals(20, logreg.batch());
        assertEquals(Validation.holdOut(1000), logreg.validation(), "the top-level validation replaces the problem's tf1");
        assertEquals(Validation.none(), s.problem("quadratic-deep").validation(), "the quadratic has nothing to hold out");
        assertEquals(Divergence.NON_FINITE_ONLY, s.divergence());
        assertEquals(0.5, s.smoothing());
        Tuning t = s.tuning();
        assertEquals(Sampler.quasiRandom(7, 11), t.sampler());
        assertEquals(new Tuning.EarlyStopping(2, 5), t.earlyStopping());
        assertEquals(new Metric(Metric.Kind.LOSS, Metric.At.BEST), t.metric());
        assertEquals(List.of(4L, 9L), t.seeds());
        assertTrue(Double.isNaN(t.commonLr()));
        SweepOptimizer plain = s.optimizer("plain");
        assertEquals(List.of(new Dimension.Range("lr", 1e-4, 0.1, Scale.LOG, 0)), plain.search().dimensions(), "the default search");
        SweepOptimizer heavy = s.optimizer("heavy");
        assertEquals(List.of("lr", "rate", "nesterov"), heavy.search().names(), "lr first, the others in the file's order");
        assertEquals(new Dimension.Choice("lr", List.of(Value.of(0.001), Value.of(0.01))), heavy.search().dimensions().get(0),
                "a quoted number is a number");
        assertEquals(0.05, heavy.base().lr());
    }

    @Test
    void write_roundTripsToAnEqualSpec() {
        SweepSpec rich = parse(RICH);
        assertEquals(rich, parse(SweepFile.write(rich)));
        for (String p : SweepFile.PRESETS) {
            SweepSpec preset = SweepFile.preset(p);
            String written = SweepFile.write(preset);
            assertEquals(preset, parse(written), p + ":\n" + written);
            assertEquals(written, SweepFile.write(parse(written)), p + ": the printer is stable");
        }
    }

    @Test
    void write_printsProblemsWithOnlyTheirOverrides() {
        String written = SweepFile.write(parse(RICH));
        assertTrue(written.contains("  - \"mnist-logreg(steps=60, batch=20, validation=1000)\"\n"), written);
        assertTrue(written.contains("  - \"quadratic-deep\"\n"), written);
        assertTrue(written.contains("divergence_factor: off\n"), written);
        assertTrue(written.contains("  method: quasi_random\n  trials: 7\n  seed: 11\n"), written);
    }

    @Test
    void at_setsAScheduleKey_andTheRate() {
        SweepOptimizer heavy = parse(RICH).optimizer("heavy");
        RunSpec run = heavy.at(Spec.parse("point(lr=0.1, rate=0.5, nesterov=true)"));
        assertEquals(0.1, run.lr());
        assertEquals("exponential(rate=0.5, decay_steps=100)", run.schedule());
        assertEquals(Map.of("convention", "tensorflow", "nesterov", "true"), run.params());
        Optimization o = run.optimization();
        // exponential decay: lr · rate^(step / decay_steps) = 0.1 · 0.5^(250/100)
        assertEquals(0.1 * Math.pow(0.5, 2.5), o.newSchedule(100).at(250), 1e-12);
        assertEquals("exponential(rate=0.96, decay_steps=100)", heavy.base().schedule(), "the base is unchanged");
    }

    @Test
    void presets_fairIsTheArticlesSixOptimizersOnAHalfDecadeGrid() {
        SweepSpec fair = SweepFile.preset("fair");
        assertEquals(List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"), fair.optimizers().stream().map(SweepOptimizer::name).toList());
        Problem cnn = fair.problem("mnist-cnn");
        assertEquals(1000, cnn.steps());
        assertEquals(50, cnn.batch());
        assertEquals(Validation.tf1(), cnn.validation());
        for (SweepOptimizer o : fair.optimizers()) {
            List<Spec> points = fair.tuning().sampler().sample(o.search());
            assertEquals(11, points.size(), o.name());
            double[] expected = {1e-5, 3.16227766017e-5, 1e-4, 3.16227766017e-4, 1e-3, 3.16227766017e-3, 1e-2, 3.16227766017e-2, 0.1,
                    0.316227766017, 1};
            for (int i = 0; i < 11; i++) {
                assertEquals(expected[i], ((Value.Num) points.get(i).get("lr")).value(), 0, o.name() + " point " + i);
            }
        }
        assertEquals(66, fair.optimizers().stream().mapToInt(o -> fair.tuning().sampler().sample(o.search()).size()).sum());
        Tuning t = fair.tuning();
        // min_steps not given: 1000 / 3^3 = 37.04, rounded down
        assertEquals(new Tuning.EarlyStopping(3, 37), t.earlyStopping());
        List<SuccessiveHalving.Rung> rungs = new SuccessiveHalving(11, 3, 37, 1000).rungs();
        assertEquals(List.of(111L, 333L, 1000L), rungs.stream().map(SuccessiveHalving.Rung::steps).toList(), "as the preset's comment says");
        assertEquals(Metric.FINAL_ACCURACY, t.metric());
        assertEquals(List.of(1L, 2L, 3L), t.seeds());
        assertEquals(0.001, t.commonLr());
        assertEquals(Map.of("momentum", "0.9", "nesterov", "true", "convention", "tensorflow"), fair.optimizer("nesterov").base().params());
    }

    @Test
    void presets_fairQuickIsFairOnTheMlp() {
        SweepSpec quick = SweepFile.preset("fair-quick");
        SweepSpec fair = SweepFile.preset("fair");
        assertEquals(List.of("mnist-mlp"), quick.problems().stream().map(Problem::name).toList());
        assertEquals(Validation.tf1(), quick.problem("mnist-mlp").validation());
        assertEquals(fair.optimizers(), quick.optimizers());
        assertEquals(fair.tuning(), quick.tuning());
    }

    @Test
    void presets_deepobsIsA36PointGridWithoutEarlyStopping() {
        SweepSpec d = SweepFile.preset("deepobs-fmnist");
        assertEquals(List.of("sgd", "momentum", "adam"), d.optimizers().stream().map(SweepOptimizer::name).toList());
        assertNull(d.tuning().earlyStopping());
        assertEquals(List.of(1L, 2L, 3L), d.tuning().seeds());
        assertTrue(Double.isNaN(d.tuning().commonLr()));
        Problem f = d.problem("fmnist-cnn");
        assertEquals("fashion-mnist", f.dataset());
        for (SweepOptimizer o : d.optimizers()) {
            List<Spec> points = d.tuning().sampler().sample(o.search());
            assertEquals(36, points.size());
            // 36 points over 7 decades: point i is 10^(-5 + 7i/35), 5 points a decade
            assertEquals(1e-5, lr(points.get(0)), 0);
            assertEquals(Math.pow(10, -5 + 7.0 / 35), lr(points.get(1)), 1e-16);
            assertEquals(1e-4, lr(points.get(5)), 1e-18);
            assertEquals(100, lr(points.get(35)), 0);
        }
    }

    private static double lr(Spec point) {
        return ((Value.Num) point.get("lr")).value();
    }

    @Test
    void defaults_gridNoEarlyStoppingAccuracyOneSeed() {
        SweepSpec s = parse("""
                problems: [mnist-logreg]
                optimizers:
                  - optimizer: adam
                    search: {lr: [0.001, 0.01]}
                """);
        assertEquals("sweep", s.name());
        assertEquals(Sampler.grid(), s.tuning().sampler());
        assertNull(s.tuning().earlyStopping());
        assertEquals(Metric.FINAL_ACCURACY, s.tuning().metric());
        assertEquals(List.of(1L), s.tuning().seeds());
        assertEquals(0.9, s.smoothing());
        assertEquals(Divergence.DEFAULT, s.divergence());
        assertEquals(Validation.tf1(), s.problem("mnist-logreg").validation(), "the registry's rule");
    }

    @Test
    void minSteps_defaultsToTheSmallestBudgetOverEtaCubed() {
        String file = """
                problems: ["mnist-logreg(steps=60)", mnist-cnn]
                tuning: {early_stopping: %s}
                search: {lr: [0.001, 0.01]}
                optimizers: [{optimizer: sgd}]
                """;
        assertEquals(new Tuning.EarlyStopping(3, 2), parse(file.formatted("successive_halving")).tuning().earlyStopping(), "60 / 27 = 2.2");
        assertEquals(new Tuning.EarlyStopping(2, 7), parse(file.formatted("successive_halving(eta=2)")).tuning().earlyStopping(), "60 / 8 = 7.5");
        assertEquals(new Tuning.EarlyStopping(3, 1), parse(file.formatted("successive_halving").replace("steps=60", "steps=20"))
                .tuning().earlyStopping(), "20 / 27 rounds to 0: at least 1");
    }

    @Test
    void random_sampledPointsAreTheSamplersAndEachIsChecked() {
        SweepSpec s = parse("""
                problems: [mnist-logreg]
                tuning: {method: random, trials: 4, seed: 3}
                optimizers:
                  - optimizer: momentum
                    search:
                      lr: {low: 1e-3, high: 1, scale: log}
                      momentum: {low: 0, high: 0.99}
                """);
        assertEquals(Sampler.random(4, 3), s.tuning().sampler());
        assertEquals(4, s.tuning().sampler().sample(s.optimizers().getFirst().search()).size());
    }

    @Test
    void read_namesTheFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "problems: [mnist-logreg]\noptimizers: [{optimizer: sgd}]\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": optimizers[0].search is missing"), e.getMessage());
        Files.writeString(f, SweepFile.write(SweepFile.preset("fair")));
        assertEquals(SweepFile.preset("fair"), SweepFile.read(f));
    }

    @Test
    void preset_unknownListsTheKnown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepFile.preset("fast"));
        assertEquals("unknown preset 'fast'; known: fair-quick, fair, deepobs-fmnist, frontier", e.getMessage());
    }
}
