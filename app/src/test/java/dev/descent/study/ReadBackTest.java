package dev.descent.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What descent writes as study.yaml, descent reads back to an equal study; what it could not, it refuses before any file. */
class ReadBackTest {

    private static StudySpec parse(String yaml) {
        return StudyFile.parse(new StringReader(yaml), "test.yaml");
    }

    private static final String STUDY = """
            name: t
            model: logreg
            steps: 20
            optimizers:
              - {name: sgd, optimizer: sgd, lr: 0.1}
            """;

    @Test
    void write_readsBackAnyDescriptionAndName() {
        String description = "two\nlines,\ttab, bell \u0007, nel \u0085, separator \u2028, bom \ufeff, \"quotes\" \\ back, é, 🙂";
        StudySpec s = new StudySpec("t", description, "mnist", "logreg", 20, 0, 10, 5, 0, java.util.List.of(1L), 0.3, 0.9,
                parse(STUDY).runs());
        assertEquals(s, parse(StudyFile.write(s)));
    }

    @Test
    void parse_readsMinusZeroAsZero_soThatItReadsBack() {
        StudySpec s = parse(STUDY.replace("lr: 0.1", "lr: -0.0") + "smoothing: -0.0\n");
        assertEquals(0.0, s.runs().get(0).lr());
        assertEquals(0.0, s.smoothing());
        assertEquals(s, parse(StudyFile.write(s)));
    }

    @Test
    void withEpochs_refusesInfinityAndNegatives() {
        StudySpec s = parse(STUDY);
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> s.withEpochs(Double.POSITIVE_INFINITY));
        assertEquals("epochs must be a finite number > 0, got Infinity", inf.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> s.withEpochs(-1));
        assertEquals("epochs must be a finite number > 0, got -1.0", neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.withEpochs(Double.NaN));
    }

    @Test
    void create_refusesAStudyThatWouldNotReadBack_beforeMakingAnyFile(@TempDir Path tmp) {
        // 2^53 + 1 steps (beyond what the command line and study files accept, see Limits): not readable back
        StudySpec s = parse(STUDY).withSteps((1L << 53) + 1);
        Path dir = tmp.resolve("out");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsFolder.create(dir, s));
        assertTrue(e.getMessage().startsWith("descent would write a study.yaml that") && e.getMessage().contains("9007199254740993"),
                e.getMessage());
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        assertFalse(Files.exists(dir), "no folder made");
    }
}
