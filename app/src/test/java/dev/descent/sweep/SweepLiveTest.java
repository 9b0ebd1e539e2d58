package dev.descent.sweep;

import dev.descent.problem.TrialOutcome;
import dev.descent.problem.TrialRequest;
import dev.descent.problem.Workbench;
import dev.descent.study.LiveCsv;
import dev.descent.train.Evaluation;
import dev.descent.train.StepRecord;
import dev.descent.train.TrainListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep unit's live file, on {@link SweepRunnerTest}'s fake workbench: while a promoted trial's next rung trains,
 * {@code live/STEM.csv} holds the rows of the rung it continues and then its own, each a whole line and, to the
 * character, the start of the file the unit is saved as; no live file is left when the sweep ends.
 */
class SweepLiveTest {

    @Test
    void whileARungTrains_itsLiveFileIsTheStartOfItsSavedFile(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        Map<String, String> seen = new TreeMap<>();
        List<String> runs = new ArrayList<>();
        SweepRunner.Benches benches = (p, d, t) -> new Workbench() {
            final SweepRunnerTest.Fake fake = new SweepRunnerTest.Fake(p, runs, null);

            @Override
            public TrialOutcome run(TrialRequest r, TrainListener listener) {
                boolean watched = r.from() != null && r.from().step() == 10 && r.optimization().learningRate() == 0.1;
                return fake.run(r, new TrainListener() {
                    @Override
                    public void onStep(StepRecord s) {
                        if (watched && s.step() == 16) {
                            sleep(LiveCsv.FLUSH_MILLIS + 50); // so step 16 begins after the flush interval: rows 11 to 15 are written
                        }
                        if (watched && s.step() == 17) {
                            seen.putAll(liveFiles(dir));
                        }
                        listener.onStep(s);
                    }

                    @Override
                    public void onValidation(Evaluation e) {
                        listener.onValidation(e);
                    }
                });
            }

            @Override
            public void close() {
            }
        };
        try (SweepFolder out = SweepFolder.create(dir, SweepRunnerTest.SH, "name: fake\n")) {
            new SweepRunner(SweepRunnerTest.SH, SweepRunnerTest.data(), 1, 1, benches, new SweepRunner.Listener() {
            }).run(out);
        }
        String stem = SweepRunnerTest.PROBLEM.name() + "__%s__t1__r1.csv";
        assertEquals(List.of(stem.formatted("adam"), stem.formatted("sgd")), List.copyOf(seen.keySet()), "one worker: one live file at a time");
        for (Map.Entry<String, String> e : seen.entrySet()) {
            List<String> lines = e.getValue().lines().toList();
            assertEquals(SweepFolder.UNIT_HEADER, lines.get(0));
            assertEquals(1 + 15, lines.size(), "rung 0's 10 rows, then steps 11 to 15: " + e.getValue());
            assertTrue(lines.get(10).startsWith("10,") && !lines.get(10).endsWith(","), "step 10's validation: " + lines.get(10));
            String saved = Files.readString(dir.resolve(SweepFolder.TRIALS).resolve(e.getKey()));
            assertTrue(saved.startsWith(e.getValue()), e.getKey() + ": the live rows start the saved file:\n" + e.getValue() + "\nsaved:\n" + saved);
        }
        assertFalse(Files.exists(dir.resolve(LiveCsv.DIR)), "no live file, and no live folder, once the sweep is done");
    }

    @Test
    void resume_removesTheLiveFilesOfAKilledUnit(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        SweepFolder.create(dir, SweepRunnerTest.SH, "name: fake\n").close();
        Files.createDirectories(dir.resolve(LiveCsv.DIR));
        Files.writeString(dir.resolve(LiveCsv.DIR).resolve("x__sgd__t0__r0.csv"), SweepFolder.UNIT_HEADER + "\n1,2,0.1,1,0.1,,\n");
        try (SweepFolder f = SweepFolder.open(dir, SweepRunnerTest.SH)) {
            assertFalse(Files.exists(dir.resolve(LiveCsv.DIR)));
        }
    }

    static Map<String, String> liveFiles(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir.resolve(LiveCsv.DIR))) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                out.put(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
