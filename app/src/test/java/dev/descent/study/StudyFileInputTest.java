package dev.descent.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile study files: each refused with one line naming the file, before any cast, allocation or long parse. */
class StudyFileInputTest {
    @TempDir
    Path tmp;

    private static final String RUNS = "optimizers:\n  - optimizer: sgd\n";

    private String refused(String yaml) throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, yaml);
        return refused(f);
    }

    private static String refused(Path f) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "steps: 9999999999999      | a whole number between 1 and 100000000 (per-step records are kept in memory)",
            "steps: 1e30               | between 1 and 100000000",
            "steps: 0                  | between 1 and 100000000",
            "epochs: 1e12              | at most 100000000",
            "batch: 99999999999        | between 1 and 2147483647",
            "eval_every: 99999999999   | between 1 and 100000000",
            "eval_examples: 9999999999 | between 0 and 2147483647",
            "eval_examples: -1         | between 0 and 2147483647",
            "seeds: 1000000000000      | between 1 and 1000",
            "seeds: 2.5                | between 1 and 1000"})
    void hugeOrBrokenCount_isRefusedWithItsLimit(String line, String expected) throws Exception {
        String m = refused(line + "\n" + RUNS);
        assertTrue(m.contains(expected), m);
        assertTrue(m.contains(line.substring(0, line.indexOf(':'))), m);
    }

    @Test
    void seedListLongerThanTheLimit_isRefusedBeforeItIsBuilt() throws Exception {
        StringBuilder seeds = new StringBuilder("seeds: [");
        for (int i = 0; i < 1001; i++) {
            seeds.append(i == 0 ? "" : ",").append(i);
        }
        assertTrue(refused(seeds + "]\n" + RUNS).contains("at most 1000 seeds"));
    }

    @Test
    void twoMegabyteScalar_isRefusedBeforeParsing() throws Exception {
        String m = refused("name: " + "a".repeat(2 << 20) + "\n" + RUNS);
        assertTrue(m.contains("at most 1048576"), m);
    }

    @Test
    void binaryFile_isNotUtf8Text() throws Exception {
        Path f = tmp.resolve("bin.yaml");
        Files.write(f, new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        assertTrue(refused(f).contains("is not UTF-8 text"));
        Files.write(f, new byte[]{'n', 'a', 'm', 'e', ':', ' ', (byte) 0xc3, (byte) 0x28});
        assertTrue(refused(f).contains("not UTF-8 text (an invalid byte near line 1)"), refused(f));
    }

    @Test
    void utf16File_isNamedAsSuch() throws Exception {
        Path f = tmp.resolve("u16.yaml");
        Files.write(f, ("\uFEFFname: x\n" + RUNS).getBytes(StandardCharsets.UTF_16LE));
        assertTrue(refused(f).contains("is UTF-16 text; save it as UTF-8"), refused(f));
        Files.write(f, ("name: x\n" + RUNS).getBytes(StandardCharsets.UTF_16BE)); // no mark: zero bytes
        assertTrue(refused(f).contains("UTF-16"), refused(f));
    }

    @Test
    void folderOrMissingFile_isSaidPlainly() {
        assertTrue(refused(tmp).contains("is a folder, not a file"));
        assertTrue(refused(tmp.resolve("none.yaml")).contains("does not exist"));
    }

    @Test
    void utf8ByteOrderMark_isAccepted() throws Exception {
        Path f = tmp.resolve("bom.yaml");
        Files.writeString(f, "\uFEFFname: bom\n" + RUNS);
        assertEquals("bom", StudyFile.read(f).name());
    }

    @Test
    void aliasBombAndDeepNesting_areRefusedByTheParserLimits() throws Exception {
        String bomb = """
                a: &a [x, x, x, x, x, x, x, x, x]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
                """;
        assertTrue(refused(bomb).contains("not valid YAML"));
        assertTrue(refused("name: " + "[".repeat(1000) + "]".repeat(1000) + "\n").contains("not valid YAML"));
    }

    @Test
    void malformedYaml_saysLineAndColumn() throws Exception {
        String m = refused("name: t\n\tsteps: 5\n");
        assertTrue(m.contains("line 2, column 1: not valid YAML"), m);
    }
}
