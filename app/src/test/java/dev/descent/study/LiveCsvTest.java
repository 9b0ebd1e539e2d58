package dev.descent.study;

import dev.descent.data.Dataset;
import dev.descent.random.Rng;
import dev.descent.train.StepRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A study's live files: while a run trains, {@code live/NAME__seedS.csv} holds whole lines that are, line for line,
 * the start of the run file it becomes (evaluations included); it is gone once the run file is written, and a resume
 * removes one a killed process left.
 */
class LiveCsvTest {
    static final String STUDY = """
            name: live
            model: logreg
            steps: 2600
            batch: 10
            eval_every: 100
            eval_examples: 50
            seeds: [1]
            optimizers:
              - {name: sgd, optimizer: sgd, lr: 0.1}
              - {name: adam, optimizer: adam, lr: 0.01}
            """;

    /** Random 4 x 4 pictures of 10 classes: the runner trains on anything shaped like a dataset. */
    static Dataset.Split data() {
        Rng rng = new Rng(7);
        float[] x = new float[200 * 16], tx = new float[50 * 16];
        int[] y = new int[200], ty = new int[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < tx.length; i++) {
            tx[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10;
        }
        for (int i = 0; i < ty.length; i++) {
            ty[i] = i % 10;
        }
        return new Dataset.Split(new Dataset("mnist", x, y, 200, 4, 4, 1, 10), new Dataset("mnist", tx, ty, 50, 4, 4, 1, 10));
    }

    @Test
    void whileARunTrains_itsLiveFileIsTheStartOfItsRunFile_andGoesWhenItIsWritten(@TempDir Path tmp) throws Exception {
        StudySpec spec = StudyText.parse(STUDY);
        Path dir = tmp.resolve("live");
        Map<String, String> seen = new TreeMap<>();
        List<String> missingDuringRun = new ArrayList<>();
        try (ResultsFolder f = ResultsFolder.create(dir, spec)) {
            new StudyRunner(spec, data(), 1, new StudyRunner.Listener() {
                @Override
                public void step(RunSpec run, long seed, StepRecord r, double smoothed) {
                    if (r.step() == 2500) {
                        Path live = dir.resolve("live/" + run.name() + "__seed" + seed + ".csv");
                        try {
                            seen.put(run.name(), Files.readString(live));
                        } catch (IOException e) {
                            missingDuringRun.add(live + ": " + e);
                        }
                    }
                }
            }).run(f);
        }
        assertEquals(List.of(), missingDuringRun);
        assertEquals(2, seen.size());
        for (Map.Entry<String, String> e : seen.entrySet()) {
            String live = e.getValue();
            String finished = Files.readString(dir.resolve("runs/" + e.getKey() + "__seed1.csv"));
            assertTrue(live.endsWith("\n"), "whole lines only");
            List<String> lines = live.lines().toList();
            // at most 1024 rows wait, so by step 2500 the first 1476 at least are written, whatever the clock did
            assertTrue(lines.size() - 1 >= 2500 - LiveCsv.CAPACITY, e.getKey() + ": " + (lines.size() - 1) + " rows");
            assertTrue(lines.size() - 1 < 2500, "the step being trained is not written yet");
            assertEquals(RunResult.CSV_HEADER, lines.get(0));
            assertTrue(finished.startsWith(live), e.getKey() + ": the live rows are the run file's first rows, to the character");
            assertFalse(lines.get(100).split(",", -1)[8].isEmpty(), "step 100's row holds its evaluation: " + lines.get(100));
        }
        assertFalse(Files.exists(dir.resolve(LiveCsv.DIR)), "no live file, and no live folder, once the study is done");
    }

    @Test
    void resume_removesTheLiveFilesOfAKilledRun(@TempDir Path tmp) throws Exception {
        StudySpec spec = StudyText.parse(STUDY);
        Path dir = tmp.resolve("killed");
        ResultsFolder.create(dir, spec).close();
        Files.createDirectories(dir.resolve("live"));
        Files.writeString(dir.resolve("live/sgd__seed1.csv"), RunResult.CSV_HEADER + "\nsgd,1,1,2.3,0.1,1.0,0.0010,,\n");
        try (ResultsFolder f = ResultsFolder.open(dir)) {
            assertFalse(Files.exists(dir.resolve("live/sgd__seed1.csv")));
            assertFalse(Files.exists(dir.resolve("live")));
        }
    }

    @Test
    void aLiveFile_startsWhole_withTheRowsItContinues(@TempDir Path tmp) throws Exception {
        List<RunResult.Row> before = List.of(new RunResult.Row(1, 2.5, 0.1, 1.0, 0.5, Double.NaN, Double.NaN),
                new RunResult.Row(2, 2.0, 0.1, 1.0, 1.0, 1.9, 0.5));
        LiveCsv.RowFormat f = (b, step, loss, lr, norm, s, el, ea) -> b.append(step).append(',').append(loss).append(',').append(s)
                .append(',').append(el).append('\n');
        try (LiveCsv live = LiveCsv.start(tmp, "u__r1", "step,loss,seconds,eval", f, LiveCsv.Columns.VALIDATION, before)) {
            assertEquals("step,loss,seconds,eval\n1,2.5,0.5,NaN\n2,2.0,1.0,1.9\n", Files.readString(live.file()));
            Thread.sleep(LiveCsv.FLUSH_MILLIS + 50);
            live.onStep(new StepRecord(3, 1.5, 0.1, 1.0, 0.25));
            live.onValidation(new dev.descent.train.Evaluation(3, 1.25, 0.6, 10));
            live.onEvaluation(new dev.descent.train.Evaluation(3, 9, 0.9, 10)); // a test evaluation: not this file's column
            Thread.sleep(LiveCsv.FLUSH_MILLIS + 50);
            live.onStep(new StepRecord(4, 1.0, 0.1, 1.0, 0.5));
            // step 3's row, its seconds after the rows it continues, its validation in it; step 4 waits for its own
            assertEquals("step,loss,seconds,eval\n1,2.5,0.5,NaN\n2,2.0,1.0,1.9\n3,1.5,1.25,1.25\n", Files.readString(live.file()));
        }
        assertFalse(Files.exists(tmp.resolve("live")));
    }
}
