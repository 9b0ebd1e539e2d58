package dev.descent.study;

import dev.descent.data.Dataset;
import dev.descent.train.Optimization;
import dev.descent.train.TrainConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFingerprintTest {

    private static final String STUDY = """
            name: t
            description: first
            model: logreg
            steps: 30
            batch: 5
            eval_every: 10
            seeds: [1, 2]
            loss_threshold: 0.5
            smoothing: 0.9
            optimizers:
              - {name: sgd, optimizer: sgd, lr: 0.1}
              - {name: adam, optimizer: adam, params: {convention: tensorflow}, lr: 0.01, schedule: "step_decay(drop=0.5, epochs_drop=1)"}
            """;

    /** Ten 2×2 images: enough for fingerprints, which never train. */
    private static Dataset.Split data(float pixel) {
        float[] p = new float[10 * 4];
        java.util.Arrays.fill(p, pixel);
        Dataset d = new Dataset("mnist", p, new int[10], 10, 2, 2, 1, 10);
        return new Dataset.Split(d, d.head(4));
    }

    private static Map<ResultsFolder.RunId, RunFingerprint> fingerprints(String yaml, Dataset.Split data) {
        return new StudyRunner(StudyText.parse(yaml), data, 1, new StudyRunner.Listener() { }).fingerprints();
    }

    private static RunFingerprint adam(String yaml) {
        return fingerprints(yaml, data(0.5f)).get(new ResultsFolder.RunId("adam", 1));
    }

    @Test
    void of_writesEveryDefaultAndTheLearningRateIn() {
        RunFingerprint f = adam(STUDY);
        assertEquals(List.of("optimizer", "lr", "schedule", "model", "dataset", "train_examples", "test_examples", "data_sha256",
                "steps", "batch_size", "seed", "eval_every", "eval_batch", "eval_examples", "divergence"), List.copyOf(f.config().keySet()));
        assertTrue(f.config().get("optimizer").matches("adam\\(beta1=0\\.9, beta2=0\\.999, epsilon=1\\.0E-8, .*convention=tensorflow.*\\)"),
                f.config().get("optimizer"));
        assertEquals("0.01", f.config().get("lr"));
        assertTrue(f.config().get("schedule").startsWith("step_decay(lr=0.01, drop=0.5, "), f.config().get("schedule"));
        assertEquals("10", f.config().get("train_examples"));
        assertEquals("4", f.config().get("test_examples"));
        assertEquals("30", f.config().get("steps"));
        assertEquals("5", f.config().get("batch_size"));
        assertEquals("1", f.config().get("seed"));
        assertEquals(64, f.digest().length());
        // a default written out is the same run
        assertEquals(f, adam(STUDY.replace("params: {convention: tensorflow}", "params: {convention: tensorflow, beta1: 0.9}")));
    }

    @Test
    void of_coversEveryComponentOfTheTrainingLoop() {
        RunFingerprint f = adam(STUDY);
        for (var c : TrainConfig.class.getRecordComponents()) {
            String key = c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
            if (!key.equals("evaluate")) {
                assertTrue(f.config().containsKey(key), key);
            }
        }
        // which sets are evaluated enters only when it is not the default (the test set): older folders stay reusable
        assertFalse(f.config().containsKey("evaluate"));
        RunFingerprint.Data d = new RunFingerprint.Data("mnist", 10, 4, "00");
        var opt = dev.descent.train.Optimization.resolve("adam", 0.01, null);
        RunFingerprint plain = RunFingerprint.of(opt, 2, "logreg", d, TrainConfig.of(30, 5, 1));
        RunFingerprint validated = RunFingerprint.of(opt, 2, "logreg", d, TrainConfig.of(30, 5, 1).withEvaluate(TrainConfig.Evaluate.VALIDATION));
        assertFalse(plain.config().containsKey("evaluate"));
        assertEquals("validation", validated.config().get("evaluate"));
        assertNotEquals(plain.digest(), validated.digest());
    }

    @Test
    void of_changesWithEverythingThatChangesTheNumbers() {
        RunFingerprint f = adam(STUDY);
        for (String[] edit : new String[][]{{"lr: 0.01", "lr: 0.02"}, {"steps: 30", "steps: 31"}, {"batch: 5", "batch: 2"},
                {"eval_every: 10", "eval_every: 5"}, {"model: logreg", "model: mlp"}, {"convention: tensorflow", "convention: pytorch"},
                {"drop=0.5", "drop=0.25"}, {"steps: 30", "epochs: 3"}}) {
            assertNotEquals(f.digest(), adam(STUDY.replace(edit[0], edit[1])).digest(), edit[1]);
        }
        assertNotEquals(f.digest(), fingerprints(STUDY, data(0.25f)).get(new ResultsFolder.RunId("adam", 1)).digest(), "other pixels");
        assertNotEquals(f.digest(), fingerprints(STUDY, data(0.5f)).get(new ResultsFolder.RunId("adam", 2)).digest(), "other seed");
    }

    @Test
    void of_ignoresSettingsThatChangeNoNumber() {
        String other = STUDY.replace("name: t", "name: renamed").replace("description: first", "description: second")
                .replace("loss_threshold: 0.5", "loss_threshold: 0.1").replace("smoothing: 0.9", "smoothing: 0.5")
                .replace("seeds: [1, 2]", "seeds: [2, 1, 3]").replace("  - {name: sgd, optimizer: sgd, lr: 0.1}\n", "");
        Map<ResultsFolder.RunId, RunFingerprint> before = fingerprints(STUDY, data(0.5f)), after = fingerprints(other, data(0.5f));
        for (ResultsFolder.RunId id : List.of(new ResultsFolder.RunId("adam", 1), new ResultsFolder.RunId("adam", 2))) {
            assertEquals(before.get(id).digest(), after.get(id).digest(), id.toString());
        }
    }

    @Test
    void json_readsBackAndRefusesWhatCannotBeTrusted() {
        RunFingerprint f = adam(STUDY);
        String json = f.toJson();
        assertTrue(json.startsWith("{\n  \"format\": 1,\n  \"fingerprint\": \"" + f.digest() + "\",\n  \"config\": {\n    \"optimizer\": \"adam("), json);
        assertEquals(f, RunFingerprint.fromJson(json));
        assertEquals("its fingerprint is not the digest of its configuration (was it edited?)",
                assertThrows(IllegalArgumentException.class, () -> RunFingerprint.fromJson(json.replace("\"lr\": \"0.01\"", "\"lr\": \"0.02\""))).getMessage());
        assertEquals("it is in results format 0; this descent reads format 1",
                assertThrows(IllegalArgumentException.class, () -> RunFingerprint.fromJson(json.replace("\"format\": 1", "\"format\": 0"))).getMessage());
        assertEquals("it does not hold format, fingerprint and config",
                assertThrows(IllegalArgumentException.class, () -> RunFingerprint.fromJson("[1, 2]")).getMessage());
        assertEquals("it is not valid JSON",
                assertThrows(IllegalArgumentException.class, () -> RunFingerprint.fromJson(json.substring(0, json.length() / 2))).getMessage());
    }

    @Test
    void changesTo_saysWhatChanged() {
        RunFingerprint was = adam(STUDY), now = adam(STUDY.replace("lr: 0.01", "lr: 0.02").replace("steps: 30", "steps: 50"));
        String schedule = was.config().get("schedule").substring("step_decay(lr=0.01".length());
        assertEquals("was trained with lr=0.01, schedule=step_decay(lr=0.01" + schedule + ", steps=30, but the study now asks for lr=0.02, schedule=step_decay(lr=0.02"
                + schedule + ", steps=50", was.changesTo(now));
        RunFingerprint pixels = fingerprints(STUDY, data(0.25f)).get(new ResultsFolder.RunId("adam", 1));
        assertTrue(was.changesTo(pixels).matches("was trained with data_sha256=[0-9a-f]{12}\\.\\.\\., but the study now asks for data_sha256=[0-9a-f]{12}\\.\\.\\."),
                was.changesTo(pixels));
        Optimization o = Optimization.resolve("sgd", 0.1, null);
        RunFingerprint fewer = new RunFingerprint(Map.of("optimizer", o.newOptimizer().toString()));
        assertTrue(fewer.changesTo(was).contains("no lr"), fewer.changesTo(was));
    }
}
