package dev.descent.study;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resume keeps a finished run only if it was trained as the study says now: on real MNIST (the tiny study of
 * {@link StudyEndToEndTest}), edited study files, folders of an older descent and folders holding another study's
 * runs are refused, or set aside and retrained to the numbers of a fresh study.
 */
class ResultsFolderReconcileTest {

    @BeforeAll
    static void load() throws Exception {
        StudyEndToEndTest.load();
    }

    private static StudySpec tiny() {
        return StudyEndToEndTest.tiny();
    }

    private static void train(Path dir, StudySpec spec) throws Exception {
        StudyEndToEndTest.run(dir, spec, false);
    }

    /** Rewrites study.yaml as a user editing it would. */
    private static void edit(Path dir, String from, String to) throws Exception {
        Path file = dir.resolve(ResultsFolder.STUDY);
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        Files.writeString(file, text.replace(from, to));
    }

    private static List<RunResult> resume(Path dir, boolean retrainStale, List<String> notes) throws Exception {
        try (ResultsFolder f = ResultsFolder.open(dir)) {
            StudyRunner runner = new StudyRunner(f.spec(), StudyEndToEndTest.data, 2, new StudyRunner.Listener() { });
            notes.addAll(runner.reconcile(f, retrainStale));
            return runner.run(f);
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void resume_afterStudyYamlWasEdited_isRefusedSayingWhatChanged_andChangesNothing(@TempDir Path dir) throws Exception {
        train(dir, tiny());
        edit(dir, "steps: 40", "steps: 45");
        edit(dir, "lr: 0.01", "lr: 0.02");
        List<String> before = names(dir.resolve("runs"));
        String metrics = Files.readString(dir.resolve("metrics.csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resume(dir, false, new java.util.ArrayList<>()));
        assertTrue(e.getMessage().startsWith(dir + " holds 4 runs that this study cannot reuse, since their numbers would not be this study's: "
                + "sgd seed 3 was trained with steps=40, but the study now asks for steps=45; "
                + "adam seed 3 was trained with lr=0.01, schedule=constant(lr=0.01), steps=40, but the study now asks for lr=0.02, schedule=constant(lr=0.02), steps=45; "
                + "sgd seed 4 was trained with steps=40, but the study now asks for steps=45; and 1 more. "
                + "To move them aside (into " + dir.resolve("runs").resolve("stale") + ", nothing is deleted) and train the study's runs again: "
                + "descent study --resume " + dir + " --retrain-stale"), e.getMessage());
        assertEquals(before, names(dir.resolve("runs")));
        assertEquals(metrics, Files.readString(dir.resolve("metrics.csv")));
    }

    @Test
    void resume_withRetrainStale_setsTheStaleRunAsideAndEndsWithTheNumbersOfAFreshStudy(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("edited"), fresh = tmp.resolve("fresh");
        train(dir, tiny());
        String adamBefore = Files.readString(dir.resolve("runs/adam__seed4.csv"));
        edit(dir, "lr: 0.01", "lr: 0.02"); // only adam changes: the sgd runs are kept
        List<String> notes = new java.util.ArrayList<>();
        resume(dir, true, notes);
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).matches("set aside in " + java.util.regex.Pattern.quote(dir.resolve("runs").resolve("stale").toString())
                + "/\\d{8}-\\d{6}: adam seed 3 was trained with lr=0\\.01, schedule=constant\\(lr=0\\.01\\), but the study now asks for lr=0\\.02, schedule=constant\\(lr=0\\.02\\)"),
                notes.get(0));
        Path aside;
        try (Stream<Path> s = Files.list(dir.resolve("runs").resolve("stale"))) {
            aside = s.findFirst().orElseThrow();
        }
        assertEquals(List.of("adam__seed3.csv", "adam__seed3.json", "adam__seed4.csv", "adam__seed4.json"), names(aside));
        assertEquals(adamBefore, Files.readString(aside.resolve("adam__seed4.csv")), "moved, not changed");

        train(fresh, StudyFile.read(dir.resolve(ResultsFolder.STUDY)));
        assertEquals(StudyEndToEndTest.withoutSeconds(fresh.resolve("metrics.csv")), StudyEndToEndTest.withoutSeconds(dir.resolve("metrics.csv")));
        for (String f : List.of("adam__seed3.json", "sgd__seed4.json")) {
            assertEquals(Files.readString(fresh.resolve("runs").resolve(f)), Files.readString(dir.resolve("runs").resolve(f)), f);
        }
        resume(dir, false, notes); // now everything matches: nothing to refuse, nothing to train
    }

    @Test
    void resume_ofAFolderHoldingRunsOfAnotherStudy_isRefused(@TempDir Path tmp) throws Exception {
        Path other = tmp.resolve("other"), dir = tmp.resolve("dir");
        train(other, tiny().withRuns(List.of(new RunSpec("momentum", "momentum", java.util.Map.of("momentum", "0.9"), 0.05, null))));
        ResultsFolder.create(dir, tiny()).close();
        Files.copy(other.resolve("runs/momentum__seed3.csv"), dir.resolve("runs/momentum__seed3.csv"));
        Files.copy(other.resolve("runs/momentum__seed3.json"), dir.resolve("runs/momentum__seed3.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resume(dir, false, new java.util.ArrayList<>()));
        assertTrue(e.getMessage().startsWith(dir + " holds a run that this study cannot reuse, since its numbers would not be this study's: "
                + "runs/momentum__seed3.csv belongs to no run of this study. To move it aside"), e.getMessage());
        // a run of another study under one of this study's names: its fingerprint gives it away
        Files.copy(other.resolve("runs/momentum__seed3.csv"), dir.resolve("runs/sgd__seed3.csv"));
        Files.copy(other.resolve("runs/momentum__seed3.json"), dir.resolve("runs/sgd__seed3.json"));
        e = assertThrows(IllegalArgumentException.class, () -> resume(dir, false, new java.util.ArrayList<>()));
        assertTrue(e.getMessage().contains(" holds 2 runs that this study cannot reuse, since their numbers would not be this study's: "
                + "sgd seed 3 was trained with optimizer=momentum(momentum=0.9, "), e.getMessage());
        List<String> notes = new java.util.ArrayList<>();
        List<RunResult> results = resume(dir, true, notes);
        assertEquals(2, notes.size(), notes.toString());
        assertEquals(4, results.size());
        assertTrue(results.stream().noneMatch(r -> r.name().equals("momentum")));
        assertFalse(Files.readString(dir.resolve("metrics.csv")).contains("momentum"));
    }

    @Test
    void resume_ofAFolderFromBeforeFingerprints_isRefused(@TempDir Path dir) throws Exception {
        train(dir, tiny());
        for (String f : List.of("sgd__seed3.json", "adam__seed3.json", "sgd__seed4.json", "adam__seed4.json")) {
            Files.delete(dir.resolve("runs").resolve(f));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resume(dir, false, new java.util.ArrayList<>()));
        assertTrue(e.getMessage().contains(" holds 4 runs that this study cannot reuse, since their numbers would not be this study's: sgd seed 3 has no fingerprint "
                + "(no runs/sgd__seed3.json: saved by a descent before fingerprints, or copied without it)"), e.getMessage());
        Files.writeString(dir.resolve("runs/adam__seed3.json"), "{\"format\": 1, \"fingerprint\": \"00\", \"config\": {}}");
        e = assertThrows(IllegalArgumentException.class, () -> resume(dir, false, new java.util.ArrayList<>()));
        assertTrue(e.getMessage().contains("; adam seed 3 has a fingerprint that cannot be trusted (runs/adam__seed3.json: its fingerprint is not the digest"
                + " of its configuration (was it edited?))"), e.getMessage());
    }

    @Test
    void resume_afterEditsThatChangeNoNumber_keepsEveryRun(@TempDir Path dir) throws Exception {
        train(dir, tiny());
        String metrics = Files.readString(dir.resolve("metrics.csv"));
        edit(dir, "name: \"tiny\"", "name: \"renamed\"");
        edit(dir, "smoothing: 0.9", "smoothing: 0.5\ndescription: \"now described\"");
        edit(dir, "loss_threshold: 1", "loss_threshold: 0.2");
        // a run killed after its fingerprint was written, before its CSV: trained again, not refused
        Files.delete(dir.resolve("runs/adam__seed4.csv"));
        List<String> notes = new java.util.ArrayList<>();
        int[] trained = {0};
        try (ResultsFolder f = ResultsFolder.open(dir)) {
            new StudyRunner(f.spec(), StudyEndToEndTest.data, 2, new StudyRunner.Listener() {
                @Override
                public void runStarted(RunSpec run, long seed, long steps, int index, int total) {
                    trained[0]++;
                }
            }).run(f);
        }
        assertEquals(List.of(), notes);
        assertEquals(1, trained[0]);
        assertEquals(StudyEndToEndTest.withoutSeconds(dir.resolve("metrics.csv")),
                metrics.lines().map(l -> { String[] x = l.split(",", -1); x[6] = ""; return String.join(",", x); }).toList());
    }
}
