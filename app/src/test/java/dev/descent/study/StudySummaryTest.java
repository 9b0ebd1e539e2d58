package dev.descent.study;

import dev.descent.stats.SampleStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudySummaryTest {

    static String fixture(String name) throws Exception {
        try (InputStream in = StudySummaryTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static StudySummary sample() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("beta1", "0.9");
        params.put("convention", "tensorflow");
        var config = new StudySummary.Config("tiny", "mnist", "logreg", 40L, null, 20, 15, 200, List.of(3L, 4L), 1.0, 0.9,
                List.of(new StudySummary.OptimizerEntry("sgd", "sgd", Map.of(), 0.1, null, "sgd"),
                        new StudySummary.OptimizerEntry("adam", "adam", params, 0.01, "step_decay(drop=0.5, epochs_drop=2)",
                                "adam(beta1=0.9, convention=tensorflow)")));
        List<RunSummary> runs = List.of(
                new RunSummary("sgd", 3, 40, 0.8125, 0.6, 0.71, 0.7254, null, false, null, 1.5),
                new RunSummary("sgd", 4, 40, 0.8, 0.625, 0.75, 0.76, 31L, false, null, 1.25),
                new RunSummary("adam", 3, 12, 0.1, Double.NaN, Double.NaN, Double.NaN, null, true, 12L, 0.5));
        List<ConfigSummary> aggregate = List.of(
                new ConfigSummary("sgd", 2, new SampleStats(0.80625, 0.0088388, 0.8, 0.8125, 2), new SampleStats(0.73, 0.0282843, 0.71, 0.75, 2),
                        new SampleStats(0.7427, 0.0244659, 0.7254, 0.76, 2), new SampleStats(1.375, 0.1767767, 1.25, 1.5, 2),
                        new SampleStats(31, 0, 31, 31, 1), 0),
                new ConfigSummary("adam", 1, new SampleStats(0.1, 0, 0.1, 0.1, 1), new SampleStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0),
                        new SampleStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0), new SampleStats(0.5, 0, 0.5, 0.5, 1),
                        new SampleStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0), 1));
        var environment = new Environment(null, "0.1.0", "OpenJDK 64-Bit Server VM 25", "Xeon", 2, 2, "Linux 6 amd64", "2026-12-02T01:00:00Z");
        return new StudySummary(StudySummary.FORMAT, "tiny", "sgd reached the lowest final training loss.", runs, aggregate, config, environment);
    }

    @Test
    void write_thenRead_givesAnEqualSummary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        StudySummary written = sample();
        written.write(file);
        assertEquals(written, StudySummary.read(file));
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"format\": 1,\n  \"study\": \"tiny\",\n"), text);
        assertTrue(text.contains("\"steps_to_threshold\": null,\n      \"diverged\": true,\n      \"diverged_at\": 12,"), text);
        assertTrue(text.contains("\"params\": {},"), "an empty object stays {}: " + text);
    }

    @Test
    void read_anOldFormatFile_withoutFormatField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        Files.writeString(file, fixture("reference-seed1-summary.json"));
        StudySummary s = StudySummary.read(file);
        assertEquals(0, s.format());
        assertEquals("reference", s.study());
        assertEquals(4, s.runs().size());
        RunSummary gd = s.runs().get(0), adam = s.runs().get(3);
        assertEquals(new RunSummary("gd", 1, 1000, 0.9069, 0.3955276296, 0.5790635374, 0.5991993336, null, false, null, 44.3717), gd);
        assertEquals(74L, adam.stepsToThreshold());
        ConfigSummary gdAll = s.aggregate().get(0);
        assertEquals(new SampleStats(0.9069, 0, 0.9069, 0.9069, 1), gdAll.testAccuracy());
        assertEquals(0, gdAll.stepsToThreshold().n());
        assertTrue(Double.isNaN(gdAll.stepsToThreshold().mean()), "null reads back as NaN");
        assertEquals(1000L, s.config().steps());
        assertNull(s.config().epochs());
        assertEquals("1.0E-10", s.config().optimizers().get(2).params().get("epsilon"));
        assertEquals("Intel(R) Xeon(R) Processor", s.environment().cpu());
        assertEquals(2, s.environment().threads());
    }

    @Test
    void oldFormatFiles_writeBackTheSameText_plusTheFormatField(@TempDir Path dir) throws Exception {
        for (String name : List.of("reference-seed1-summary.json", "reference-3seeds-summary.json")) {
            String old = fixture(name);
            Path file = dir.resolve(name);
            Files.writeString(file, old);
            Path again = dir.resolve("again-" + name);
            StudySummary.read(file).write(again);
            assertEquals(old.replaceFirst("\\{\n", "{\n  \"format\": 0,\n"), Files.readString(again), name);
        }
    }

    @Test
    void read_aMissingField_namesTheFileAndTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        Files.writeString(file, fixture("reference-seed1-summary.json").replaceFirst("(?s)(\"name\": \"nesterov\".*?)\"test_accuracy\": [0-9.]+,", "$1"));
        var e = assertThrows(IllegalArgumentException.class, () -> StudySummary.read(file));
        assertEquals(file + ": runs[1].test_accuracy is missing", e.getMessage());
    }

    @Test
    void read_anInvalidField_namesTheFileAndTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        Files.writeString(file, fixture("reference-seed1-summary.json").replaceFirst("\"seed\": 1", "\"seed\": \"one\""));
        var e = assertThrows(IllegalArgumentException.class, () -> StudySummary.read(file));
        assertTrue(e.getMessage().startsWith(file + ": runs[0].seed invalid"), e.getMessage());

        Files.writeString(file, fixture("reference-seed1-summary.json").replaceFirst("\"diverged_at\": null", "\"diverged_at\": 7"));
        e = assertThrows(IllegalArgumentException.class, () -> StudySummary.read(file));
        assertTrue(e.getMessage().startsWith(file + ": runs[0] invalid") && e.getMessage().contains("diverged_at"), e.getMessage());

        Files.writeString(file, fixture("reference-seed1-summary.json").replaceFirst("\"cpu\": \"[^\"]*\",", ""));
        e = assertThrows(IllegalArgumentException.class, () -> StudySummary.read(file));
        assertTrue(e.getMessage().startsWith(file + ": environment invalid") && e.getMessage().contains("cpu is missing"), e.getMessage());
    }

    @Test
    void read_refusesANewerFormat_andBrokenJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        Files.writeString(file, fixture("reference-seed1-summary.json").replaceFirst("\\{\n", "{\n  \"format\": 99,\n"));
        var e = assertThrows(IllegalArgumentException.class, () -> StudySummary.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("format") && e.getMessage().contains("99"), e.getMessage());

        Files.writeString(file, "{\"study\": ");
        e = assertThrows(IllegalArgumentException.class, () -> StudySummary.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON at line 1"), e.getMessage());
    }
}
