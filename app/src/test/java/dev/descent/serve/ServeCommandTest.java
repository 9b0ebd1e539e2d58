package dev.descent.serve;

import dev.descent.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

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
    void help_namesTheDefaultsAndTheExitCodes() {
        CliRun.Result r = CliRun.run("serve", "--help");
        assertEquals(0, r.exit());
        for (String part : List.of("127.0.0.1", "8080", "results", "Exit codes:", " 2 ")) {
            assertTrue(r.out().contains(part), part + " missing in: " + r.out());
        }
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
