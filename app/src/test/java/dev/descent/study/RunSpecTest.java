package dev.descent.study;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Study and run names become file and folder names: one rule, checked when the study file is read. */
class RunSpecTest {

    private static final String STUDY = """
            name: NAME
            model: logreg
            optimizers:
              - {name: RUN, optimizer: sgd, lr: 0.1}
            """;

    private static String study(String name, String run) {
        return STUDY.replace("NAME", "\"" + name + "\"").replace("RUN", "\"" + run + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "a/b", "..", ".hidden", "a\\\\b", "", "with space", "/abs"})
    void parse_refusesAStudyNameThatIsNotOneFileName(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyFile.parse(new StringReader(study(name, "sgd")), "bad.yaml"));
        assertTrue(e.getMessage().startsWith("bad.yaml: name '"), e.getMessage());
        assertTrue(e.getMessage().contains("is not allowed: a study name is 1 to 100 letters, digits and _ . + -, starting with a letter or digit"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "a/b", ".."})
    void parse_refusesARunNameThatIsNotOneFileName(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyFile.parse(new StringReader(study("ok", name)), "bad.yaml"));
        assertEquals("bad.yaml: optimizers[0].name '" + name + "' is not allowed: a run name is 1 to 100 letters, digits and _ . + -,"
                + " starting with a letter or digit (it names files and folders)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"study", "run", })
    void parse_refusesANameOf300CharactersAndTakesOneOf100(String kind) {
        String longName = "a".repeat(300);
        String yaml = kind.equals("study") ? study(longName, "sgd") : study("ok", longName);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyFile.parse(new StringReader(yaml), "long.yaml"));
        assertTrue(e.getMessage().contains("name '" + "a".repeat(40) + "... (300 characters)' is not allowed: a " + kind + " name is 1 to 100"),
                e.getMessage());
        String ok = "b".repeat(RunSpec.MAX_NAME);
        StudySpec s = StudyFile.parse(new StringReader(kind.equals("study") ? study(ok, "sgd") : study("ok", ok)), "ok.yaml");
        assertEquals(ok, kind.equals("study") ? s.name() : s.runs().get(0).name());
    }
}
