package dev.descent.cli;

import dev.descent.study.ResultsFolder;
import dev.descent.study.StudyText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code descent study} on real files: a resume never silently does other than the study it continues, and
 * nothing is written that descent could not read back.
 */
class StudyResumeTest {

    static final String STUDY = """
            name: tiny
            model: logreg
            steps: 30
            batch: 50
            eval_every: 10
            eval_examples: 200
            seeds: [1, 2]
            optimizers:
              - {name: sgd, optimizer: sgd, lr: 0.1}
              - {name: adam, optimizer: adam, lr: 0.01}
            """;

    private static long files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).count();
        }
    }

    private static CliRun.Result study(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data-dir";
        all[args.length + 1] = TrainCommandTest.dataDir();
        return CliRun.run(all);
    }

    private static String withoutSeconds(Path csv) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",", -1);
            f[6] = "";
            b.append(String.join(",", f)).append('\n');
        }
        return b.toString();
    }

    @Test
    void resume_afterStudyYamlWasEdited_isRefusedThenRetrainedWithRetrainStale(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), STUDY), dir = tmp.resolve("study");
        CliRun.Result first = study("study", file.toString(), "--out", dir.toString());
        assertEquals(0, first.exit(), first.err());
        Path yaml = dir.resolve("study.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("lr: 0.01", "lr: 0.03"));

        CliRun.Result refused = study("study", "--resume", dir.toString());
        assertEquals(2, refused.exit(), refused.err());
        assertEquals("descent study: " + dir + " holds 2 runs that this study cannot reuse, since their numbers would not be this study's: "
                + "adam seed 1 was trained with lr=0.01, schedule=constant(lr=0.01), but the study now asks for lr=0.03, schedule=constant(lr=0.03); "
                + "adam seed 2 was trained with lr=0.01, schedule=constant(lr=0.01), but the study now asks for lr=0.03, schedule=constant(lr=0.03). "
                + "To move them aside (into " + dir.resolve("runs/stale") + ", nothing is deleted) and train the study's runs again: "
                + "descent study --resume " + dir + " --retrain-stale", refused.err().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertFalse(refused.err().contains("interrupted"), "a refusal is no interruption");
        assertTrue(Files.isRegularFile(dir.resolve("runs/adam__seed1.csv")), "nothing moved");

        CliRun.Result retrained = study("study", "--resume", dir.toString(), "--retrain-stale");
        assertEquals(0, retrained.exit(), retrained.err());
        assertTrue(retrained.err().contains("sgd seed 1: already done, kept"), retrained.err());
        assertTrue(retrained.err().contains(": adam seed 2 was trained with lr=0.01, schedule=constant(lr=0.01), but the study now asks for lr=0.03"),
                retrained.err());
        try (Stream<Path> s = Files.walk(dir.resolve("runs/stale"))) {
            assertEquals(4, s.filter(Files::isRegularFile).count(), "adam's two runs, CSV and fingerprint each, set aside");
        }
        Path fresh = tmp.resolve("fresh");
        CliRun.Result f = study("study", yaml.toString(), "--out", fresh.toString());
        assertEquals(0, f.exit(), f.err());
        assertEquals(withoutSeconds(fresh.resolve("metrics.csv")), withoutSeconds(dir.resolve("metrics.csv")));
    }

    @Test
    void resume_ofAFolderWithoutFingerprintsOrWithAnotherStudysRuns_isRefused(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), STUDY), dir = tmp.resolve("study");
        assertEquals(0, study("study", file.toString(), "--out", dir.toString(), "--seeds", "1").exit());
        Files.delete(dir.resolve("runs/sgd__seed1.json")); // as a descent before fingerprints left it
        CliRun.Result old = study("study", "--resume", dir.toString());
        assertEquals(2, old.exit(), old.err());
        assertTrue(old.err().contains(" holds a run that this study cannot reuse, since its numbers would not be this study's: sgd seed 1 has no fingerprint"),
                old.err());

        Path other = tmp.resolve("other");
        Files.writeString(file, STUDY.replace("name: sgd", "name: sgd2").replace("name: adam", "name: adam2"));
        assertEquals(0, study("study", file.toString(), "--out", other.toString(), "--seeds", "1").exit());
        Files.copy(other.resolve("runs/adam2__seed1.csv"), dir.resolve("runs/adam2__seed1.csv"));
        CliRun.Result foreign = study("study", "--resume", dir.toString());
        assertEquals(2, foreign.exit(), foreign.err());
        assertTrue(foreign.err().contains(" holds 2 runs that this study cannot reuse, since their numbers would not be this study's: sgd seed 1 has no fingerprint"
                + " (no runs/sgd__seed1.json: saved by a descent before fingerprints, or copied without it); runs/adam2__seed1.csv belongs to no run of this study."),
                foreign.err());
    }

    @Test
    void retrainStale_withoutResume_isRefused(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), STUDY);
        CliRun.Result r = CliRun.run("study", file.toString(), "--retrain-stale", "--out", tmp.resolve("out").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("descent study: --retrain-stale goes with --resume DIR: a new study has no runs to retrain", r.err().strip());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void resume_withOptionsThatChangeTheStudy_isRefusedNamingThem(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("study");
        ResultsFolder.create(dir, StudyText.parse(STUDY)).close();
        String before = Files.readString(dir.resolve("study.yaml"));
        CliRun.Result r = CliRun.run("study", "--resume", dir.toString(), "--steps", "5", "--seeds", "3", "--threads", "1");
        assertEquals(2, r.exit(), r.err());
        assertEquals("descent study: --resume " + dir + " takes every setting from " + dir.resolve("study.yaml") + " and writes into " + dir
                + ", so --steps 5, --seeds 3 cannot apply: to change settings, start a new study (FILE or --preset, with --out NEW_DIR), or edit "
                + dir.resolve("study.yaml") + " and resume with --retrain-stale; only --threads, --data-dir and --serve go with --resume", r.err().strip());
        for (String[] option : new String[][]{{"--epochs", "2"}, {"--model", "mlp"}, {"--dataset", "fashion-mnist"}, {"--batch", "10"},
                {"--eval-every", "5"}, {"--out", tmp.resolve("elsewhere").toString()}}) {
            CliRun.Result o = CliRun.run("study", "--resume", dir.toString(), option[0], option[1]);
            assertEquals(2, o.exit(), o.err());
            assertTrue(o.err().contains(", so " + option[0] + " " + option[1] + " cannot apply"), o.err());
        }
        assertEquals(before, Files.readString(dir.resolve("study.yaml")));
        assertEquals(1, files(dir), "only study.yaml (and the lock): nothing trained, nothing written");
        assertFalse(Files.exists(tmp.resolve("elsewhere")));
        CliRun.Result printed = CliRun.run("study", "--resume", dir.toString(), "--print");
        assertEquals(0, printed.exit(), printed.err());
        assertEquals(before, printed.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Infinity", "-1", "0", "NaN"})
    void epochs_thatAreNotAFiniteLength_areRefusedBeforeAnyFile(String epochs, @TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), STUDY);
        Path out = tmp.resolve("out");
        CliRun.Result r = CliRun.run("study", file.toString(), "--epochs", epochs, "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("descent study: --epochs must be a finite number > 0 (e.g. 3 or 0.5), got " + epochs, r.err().strip());
        assertFalse(Files.exists(out), "no folder made");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "a/b"})
    void study_namedLikeAPath_isRefusedWhenTheFileIsRead(String name, @TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("bad.yaml"), STUDY.replace("name: tiny", "name: \"" + name + "\""));
        CliRun.Result r = CliRun.run("study", file.toString(), "--print");
        assertEquals(2, r.exit(), r.err());
        assertEquals("descent study: " + file + ": name '" + name + "' is not allowed: a study name is 1 to 100 letters, digits and _ . + -,"
                + " starting with a letter or digit (it names files and folders)", r.err().strip());
    }

    @Test
    void defaultOut_isOneFolderInsideResults() {
        Path dir = StudyCommand.defaultOut(StudyText.parse(STUDY));
        assertEquals(Path.of("results"), dir.getParent());
        assertTrue(dir.getFileName().toString().matches("tiny-\\d{8}-\\d{6}"), dir.toString());
    }
}
