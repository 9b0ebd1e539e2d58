package dev.descent.study;

import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.optim.NonFiniteGuard;
import dev.descent.report.Report;
import dev.descent.train.Divergence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The study file's divergence_factor, and divergence and skipped steps in a study's results, written and read back. */
class StudyDivergenceTest {

    static final String BASE = """
            name: blowup
            model: mlp
            steps: 30
            batch: 50
            eval_every: 10
            eval_examples: 200
            seeds: [1]
            optimizers:
              - name: fine
                optimizer: sgd
                lr: 0.1
              - name: huge
                optimizer: sgd
                lr: 1000000
              - name: skipper
                optimizer: sgd
                params: {on_nonfinite: skip}
                lr: 1e38
              - name: stopper
                optimizer: sgd
                params: {on_nonfinite: stop}
                lr: 1e38
            """;

    @Test
    void divergenceFactor_isReadValidatedAndWrittenBack() {
        assertEquals(Divergence.DEFAULT, StudyText.parse(BASE).divergence());
        assertEquals(Divergence.aboveInitial(50), StudyText.parse(BASE + "divergence_factor: 50\n").divergence());
        assertEquals(Divergence.NON_FINITE_ONLY, StudyText.parse(BASE + "divergence_factor: off\n").divergence());
        assertEquals(Divergence.NON_FINITE_ONLY, StudyText.parse(BASE + "divergence_factor: \"off\"\n").divergence());
        for (String bad : List.of("1", "0", "-2", ".inf", "lots", "true")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyText.parse(BASE + "divergence_factor: " + bad + "\n"));
            assertTrue(e.getMessage().startsWith("inline study: divergence_factor: divergence factor must be a finite number > 1"), e.getMessage());
        }
        for (String factor : List.of("50", "2.5", "off")) {
            StudySpec s = StudyText.parse(BASE + "divergence_factor: " + factor + "\n");
            assertTrue(StudyFile.write(s).contains("divergence_factor: " + factor + "\n"), StudyFile.write(s));
            assertEquals(s, StudyText.parse(StudyFile.write(s)));
        }
        assertFalse(StudyFile.write(StudyText.parse(BASE)).contains("divergence_factor"), "the default stays implicit");
    }

    private static RunResult.Row row(long step, double loss, double gradNorm) {
        return new RunResult.Row(step, loss, 0.1, gradNorm, step, Double.NaN, Double.NaN);
    }

    @Test
    void fromRows_readsBackTheTrainersRules() {
        List<RunResult.Row> above = List.of(row(1, 2.0, 1), row(2, 5.0, 1), row(3, 20.5, 1));
        RunResult r = MetricsCsv.fromRows("a", 1, above, Divergence.DEFAULT, null);
        assertEquals(3, r.divergedAt());
        assertEquals(Divergence.Cause.ABOVE_LIMIT, r.divergence());
        assertFalse(MetricsCsv.fromRows("a", 1, above, Divergence.NON_FINITE_ONLY, null).diverged());

        List<RunResult.Row> nan = List.of(row(1, 2.0, 1), row(2, Double.NaN, Double.NaN));
        assertEquals(Divergence.Cause.NON_FINITE_LOSS, MetricsCsv.fromRows("a", 1, nan, Divergence.DEFAULT, null).divergence());
        assertEquals(Divergence.Cause.NON_FINITE_LOSS, MetricsCsv.fromRows("a", 1, nan, Divergence.DEFAULT, NonFiniteGuard.Policy.STOP).divergence());
        RunResult skipped = MetricsCsv.fromRows("a", 1, nan, Divergence.DEFAULT, NonFiniteGuard.Policy.SKIP);
        assertFalse(skipped.diverged(), "with skip a NaN loss is a skipped step, even the last one");
        assertEquals(Set.of(2L), skipped.skippedSteps());
        assertEquals(2.0, skipped.finalLoss(50), 0);

        List<RunResult.Row> badGradient = List.of(row(1, 2.0, 1), row(2, 1.9, Double.POSITIVE_INFINITY), row(3, 1.8, 1));
        RunResult gradSkip = MetricsCsv.fromRows("a", 1, badGradient, Divergence.DEFAULT, NonFiniteGuard.Policy.SKIP);
        assertEquals(Set.of(2L), gradSkip.skippedSteps());
        assertFalse(gradSkip.diverged());
        RunResult gradStop = MetricsCsv.fromRows("a", 1, badGradient.subList(0, 2), Divergence.DEFAULT, NonFiniteGuard.Policy.STOP);
        assertEquals(Divergence.Cause.NON_FINITE_GRADIENT, gradStop.divergence());
        assertEquals(2, gradStop.divergedAt());
        assertFalse(MetricsCsv.fromRows("a", 1, badGradient, Divergence.DEFAULT, null).diverged(), "without a guard the step was applied");
    }

    @Test
    void study_divergedRunsAreRecordedAndTheStudyGoesOn(@TempDir Path dir) throws Exception {
        String data = System.getenv("DESCENT_DATA");
        if ((data == null || data.isBlank()) && "true".equals(System.getenv("CI"))) {
            fail("DESCENT_DATA must be set on CI");
        }
        Assumptions.assumeTrue(data != null && !data.isBlank(), "DESCENT_DATA not set");
        Dataset.Split full = Datasets.standard().load("mnist", Path.of(data), m -> { }, null);
        Dataset.Split split = new Dataset.Split(full.train().head(3000), full.test().head(500));
        StudySpec spec = StudyText.parse(BASE);
        List<RunResult> trained = new java.util.ArrayList<>();
        List<RunResult> read;
        try (ResultsFolder f = ResultsFolder.create(dir, spec)) {
            read = new StudyRunner(spec, split, 2, new StudyRunner.Listener() {
                @Override
                public void runFinished(RunResult result) {
                    trained.add(result);
                }
            }).run(f);
        }
        assertEquals(4, read.size(), "every configuration ran: the study went on after the diverged ones");
        for (int i = 0; i < 4; i++) {
            RunResult t = trained.get(i), back = read.get(i);
            assertEquals(t.diverged(), back.diverged(), t.name());
            assertEquals(t.divergedAt(), back.divergedAt(), t.name());
            assertEquals(t.divergence(), back.divergence(), t.name());
            assertEquals(t.skippedSteps(), back.skippedSteps(), t.name());
            assertEquals(t.finalLoss(50), back.finalLoss(50), 0, t.name());
        }
        assertNull(read.get(0).divergence());
        assertEquals(30, read.get(0).rows().size());
        assertEquals(Divergence.Cause.ABOVE_LIMIT, read.get(1).divergence());
        assertEquals(2, read.get(1).divergedAt());
        assertFalse(read.get(2).diverged());
        assertEquals(30, read.get(2).rows().size());
        assertFalse(read.get(2).skippedSteps().isEmpty());
        assertTrue(Double.isFinite(read.get(2).finalLoss(50)), "skipped steps stay out of the final loss");
        RunSummary skipper = RunSummary.of(read.get(2), 0.9, 0.5);
        assertTrue(Double.isFinite(skipper.finalSmoothedLoss()) && Double.isFinite(skipper.finalLoss()), skipper.toString());
        assertTrue(read.get(3).diverged());
        assertEquals(Divergence.Cause.NON_FINITE_LOSS, read.get(3).divergence());

        Report.fromMetrics(dir);   // descent report DIR judges the rows by study.yaml's rule and guards
        String summary = Files.readString(dir.resolve(Report.SUMMARY));
        assertTrue(summary.contains("\"diverged_at\": 2"), summary);

        StudySpec onlyHuge = spec.withRuns(List.of(spec.runs().get(1)));
        Path other = dir.resolve("only-huge");
        try (ResultsFolder f = ResultsFolder.create(other, onlyHuge)) {
            Report.write(other, new StudyRunner(onlyHuge, split, 2, new StudyRunner.Listener() { }).run(f), onlyHuge, 2);
        }
        String conclusion = Files.readString(other.resolve(Report.SUMMARY));
        assertTrue(conclusion.contains("Every run diverged: no configuration trained."), "a finite loss above the limit is no lead: " + conclusion);
    }
}
