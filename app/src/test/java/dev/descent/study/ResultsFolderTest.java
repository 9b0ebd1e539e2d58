package dev.descent.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsFolderTest {

    @Test
    void create_refusesAForeignFolderAndTouchesNothingInIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("metrics.csv"), "my own file");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsFolder.create(dir, StudyEndToEndTest.tiny()));
        assertTrue(e.getMessage().contains("not empty") && e.getMessage().contains("--out"), e.getMessage());
        assertEquals("my own file", Files.readString(dir.resolve("metrics.csv")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing written into the foreign folder");
        }
    }

    @Test
    void create_takesAnEmptyFolder(@TempDir Path dir) throws Exception {
        try (ResultsFolder f = ResultsFolder.create(dir, StudyEndToEndTest.tiny())) {
            assertTrue(Files.isRegularFile(f.dir().resolve(ResultsFolder.STUDY)));
        }
    }

    @Test
    void open_refusesAFolderThatAnotherResumeHolds(@TempDir Path dir) throws Exception {
        ResultsFolder.create(dir, StudyEndToEndTest.tiny()).close();
        try (ResultsFolder first = ResultsFolder.open(dir)) {
            IOException e = assertThrows(IOException.class, () -> ResultsFolder.open(dir));
            assertTrue(e.getMessage().contains("is in use by process " + ProcessHandle.current().pid()), e.getMessage());
        }
        ResultsFolder.open(dir).close(); // released: the next resume may go on
    }

    @Test
    void open_removesTheTempFilesOfAKilledWrite(@TempDir Path dir) throws Exception {
        ResultsFolder.create(dir, StudyEndToEndTest.tiny()).close();
        Path leftover = dir.resolve(ResultsFolder.RUNS).resolve(".sgd__seed3.csv.7a7a.tmp");
        Files.writeString(leftover, "optimizer,seed");
        ResultsFolder.open(dir).close();
        assertTrue(Files.notExists(leftover));
    }
}
