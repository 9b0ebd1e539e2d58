package dev.descent.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {

    @Test
    void write_aFailingWriterLeavesTheOldFileAndNoTempFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("plot.png");
        AtomicFiles.write(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains("cannot write " + f) && e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals("old", Files.readString(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left");
        }
    }

    @Test
    void write_givesTheUmaskPermissionsOfAnOrdinaryFile(@TempDir Path dir) throws Exception {
        Path ordinary = Files.writeString(dir.resolve("ordinary"), "x");
        Path atomic = dir.resolve("atomic");
        AtomicFiles.write(atomic, "x");
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(ordinary)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic)));
    }

    @Test
    void removeLeftovers_deletesTempFilesOfKilledWritesOnly(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("plots"));
        Files.writeString(dir.resolve(".metrics.csv.1f2e.tmp"), "partial");
        Files.writeString(dir.resolve("plots/.loss.png.a0.tmp"), "partial");
        Files.writeString(dir.resolve("metrics.csv"), "kept");
        Files.writeString(dir.resolve("notes.tmp"), "kept: not hidden, not ours");
        assertEquals(2, AtomicFiles.removeLeftovers(dir));
        assertTrue(Files.exists(dir.resolve("metrics.csv")) && Files.exists(dir.resolve("notes.tmp")));
        assertTrue(Files.notExists(dir.resolve("plots/.loss.png.a0.tmp")));
    }
}
