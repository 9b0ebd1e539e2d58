package dev.descent.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyFileTest {

    private static final String MINIMAL = """
            name: t
            model: logreg
            steps: 20
            batch: 10
            seeds: 2
            optimizers:
              - name: a
                optimizer: adam
                params: {convention: tensorflow}
                lr: 0.01
              - optimizer: sgd
                lr: 0.1
                schedule: "step_decay(drop=0.5, epochs_drop=1)"
            """;

    static StudySpec parse(String yaml) {
        return StudyFile.parse(new StringReader(yaml), "test.yaml");
    }

    @Test
    void parse_readsEveryFieldWithDefaults() {
        StudySpec s = parse(MINIMAL);
        assertEquals("t", s.name());
        assertEquals("mnist", s.dataset());
        assertEquals(20, s.steps());
        assertEquals(List.of(1L, 2L), s.seeds());
        assertEquals(2, s.runs().size());
        assertEquals("sgd", s.runs().get(1).name());
        assertEquals(Map.of("convention", "tensorflow"), s.runs().get(0).params());
        assertEquals("step_decay(drop=0.5, epochs_drop=1)", s.runs().get(1).schedule());
    }

    @Test
    void write_roundTripsToAnEqualSpec() {
        StudySpec s = parse(MINIMAL);
        assertEquals(s, parse(StudyFile.write(s)));
        for (String p : StudyFile.PRESETS) {
            StudySpec preset = StudyFile.preset(p);
            assertEquals(preset, parse(StudyFile.write(preset)), p);
        }
    }

    @Test
    void presets_referenceIsTheArticleSetup() {
        StudySpec s = StudyFile.preset("reference");
        assertEquals("cnn", s.model());
        assertEquals(1000, s.steps());
        assertEquals(50, s.batch());
        assertEquals(List.of("gd", "nesterov", "rmsprop", "adam"), s.runs().stream().map(RunSpec::name).toList());
        s.runs().forEach(r -> assertEquals(0.001, r.lr(), r.name()));
    }

    static Stream<Arguments> badTopLevel() {
        return Stream.of(
                Arguments.of("name: t", "name: t\ncolour: red", "unknown key 'colour'; allowed: batch, dataset"),
                Arguments.of("model: logreg", "model: resnet", "model = resnet is not allowed; expected one of cnn, mlp, logreg"),
                Arguments.of("batch: 10", "batch: 0", "batch = 0 is not allowed; expected a whole number between 1 and"),
                Arguments.of("batch: 10", "batch: many", "batch = many is not allowed; expected a number"),
                Arguments.of("seeds: 2", "seeds: [1, 1]", "seeds must be distinct"),
                Arguments.of("steps: 20", "steps: 20\nepochs: 2", "give either steps or epochs, not both"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badTopLevel")
    void parse_rejectsBadTopLevelValues(String line, String replacement, String message) {
        String yaml = MINIMAL.replace(line + "\n", replacement + "\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(yaml));
        assertTrue(e.getMessage().startsWith("test.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void parse_rejectsBadOptimizerEntriesNamingTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(MINIMAL.replace("optimizer: sgd", "optimizer: sgdd")));
        assertTrue(e.getMessage().contains("optimizers[1].optimizer") && e.getMessage().contains("sgdd") && e.getMessage().contains("adam"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(MINIMAL.replace("{convention: tensorflow}", "{beta1: 1.2}")));
        assertTrue(e.getMessage().contains("optimizers[0]") && e.getMessage().contains("beta1 must be in [0, 1), got 1.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(MINIMAL.replace("lr: 0.01", "lr: -1")));
        assertTrue(e.getMessage().contains("optimizers[0].lr = -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(MINIMAL.replace("step_decay(", "stepdecay(")));
        assertTrue(e.getMessage().contains("optimizers[1].schedule") && e.getMessage().contains("step_decay"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(MINIMAL.replace("    lr: 0.1\n", "    lr: 0.1\n    momentum: 3\n")));
        assertTrue(e.getMessage().contains("unknown key 'optimizers[1].momentum'"), e.getMessage());
    }

    @Test
    void parse_rejectsDuplicateKeysAndNonMappings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(MINIMAL + "steps: 30\n"));
        assertTrue(e.getMessage().contains("test.yaml") && e.getMessage().toLowerCase().contains("duplicate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("- just\n- a list\n"));
        assertTrue(e.getMessage().contains("expected a mapping"), e.getMessage());
    }

    @Test
    void preset_unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyFile.preset("nope"));
        assertTrue(e.getMessage().contains("reference, article, quick"), e.getMessage());
    }
}
