package dev.descent.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTailTest {
    @Test
    void refresh_readsCompleteLinesOnlyAndThenWhatWasAppended(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "optimizer,step,loss\nadam,1,0.5\nadam,2,0.2");
        CsvTail t = new CsvTail(f);
        assertTrue(t.refresh());
        assertEquals(List.of("step", "loss"), t.columns());
        assertEquals(1, t.rows().size());
        assertArrayEquals(new double[]{1, 0.5}, t.rows().getFirst());
        Files.writeString(f, "5\nadam,3,\r\n", StandardOpenOption.APPEND); // the half line "0.2" completed as 0.25
        assertTrue(t.refresh());
        assertEquals(3, t.rows().size());
        assertArrayEquals(new double[]{2, 0.25}, t.rows().get(1));
        assertTrue(Double.isNaN(t.rows().get(2)[1]), "an empty cell is NaN");
        assertFalse(t.refresh(), "unchanged");
        assertEquals(0, t.generation());
    }

    @Test
    void aHeaderWithoutItsNewline_givesNoColumns(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "step,lo");
        CsvTail t = new CsvTail(f);
        t.refresh();
        assertEquals(List.of(), t.columns());
        Files.writeString(f, "ss\n1,2\n", StandardOpenOption.APPEND);
        t.refresh();
        assertEquals(List.of("step", "loss"), t.columns());
        assertEquals(1, t.rows().size());
    }

    @Test
    void aReplacedFile_isReadAgain_andANewGenerationOnlyIfItDoesNotExtendTheOld(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "step,loss\n1,0.5\n");
        CsvTail t = new CsvTail(f);
        t.refresh();
        Path tmp = dir.resolve("tmp");
        Files.writeString(tmp, "step,loss\n1,0.5\n2,0.4\n");
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        t.refresh();
        assertEquals(2, t.rows().size());
        assertEquals(0, t.generation(), "the same rows and one more: an extension");
        Files.writeString(tmp, "step,loss\n1,0.9\n2,0.4\n3,0.1\n");
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        t.refresh();
        assertEquals(3, t.rows().size());
        assertEquals(1, t.generation());
        Files.delete(f);
        assertFalse(t.refresh());
        assertEquals(3, t.rows().size(), "a vanished file keeps its rows");
    }

    @Test
    void completeLines_stopsAtTheLastNewline(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("trials.csv");
        Files.writeString(f, "a,b\n1,x\n2,y", StandardCharsets.UTF_8);
        assertEquals(List.of(List.of("a", "b"), List.of("1", "x")), CsvTail.completeLines(f));
        assertEquals(List.of(), CsvTail.completeLines(dir.resolve("missing.csv")));
    }

    @Test
    void cursor_roundTripsAndGarbageIsEmpty() {
        Cursor c = new Cursor(Map.of("adam__seed1", new Cursor.Position(0, 12), "odd|~ name", new Cursor.Position(2, 3)));
        assertEquals(c, Cursor.parse(c.text()));
        assertFalse(c.text().contains(" "));
        for (String bad : List.of("x", "a~1", "a~b~c", "a~-1~2", "a~1~2|", "~~")) {
            assertEquals(Cursor.empty(), Cursor.parse(bad), bad);
        }
        assertEquals(Cursor.empty(), Cursor.parse(null));
    }

    @Test
    void segments_acceptPlainNamesOnly() {
        assertEquals(List.of("0", "a b", "c.png"), SafePaths.segments("0/a%20b/c.png"));
        for (String bad : List.of("0/../x", "0/%2e%2e/x", "0/./x", "0//x", "/0/x", "0/x/", "0/.hidden", "0/a%5cb", "0/%00", "0/%zz", "0/%c0%ae",
                "0/C:x")) {
            assertNull(SafePaths.segments(bad), bad);
        }
    }
}
