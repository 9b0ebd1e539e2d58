package dev.descent.serve;

import dev.descent.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code descent serve}'s bad input: exit code 2 and one line that says what to change, before anything listens. */
class ServeCommandTest {
    static void refused(String expected, String... args) {
        CliRun.Result r = CliRun.run(args);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aMissingFolder_isRefused(@TempDir Path dir) {
        refused("is not a folder", "serve", dir.resolve("nothing").toString(), "--port", "0");
    }

    @Test
    void aPortOutOfRange_isRefused(@TempDir Path dir) {
        refused("--port must be in [0, 65535], got 70000", "serve", dir.toString(), "--port", "70000");
    }

    @Test
    void aPortInUse_isRefused(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused("choose another --port", "serve", dir.toString(), "--port", Integer.toString(taken.getLocalPort()));
        }
    }
}
