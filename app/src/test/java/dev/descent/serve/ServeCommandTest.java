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
    void studyAndSweep_portHostOrKeepServingWithoutServe_areRefused(@TempDir Path dir) {
        refused("--port 0 goes with --serve", "study", "--preset", "quick", "--port", "0", "--out", dir.resolve("a").toString());
        refused("--keep-serving, --host 0.0.0.0 goes with --serve", "sweep", "--preset", "fair-quick", "--keep-serving", "--host", "0.0.0.0",
                "--out", dir.resolve("b").toString());
        assertFalse(java.nio.file.Files.exists(dir.resolve("a")));
        assertFalse(java.nio.file.Files.exists(dir.resolve("b")));
    }

    @Test
    void studyServe_onAPortInUse_isRefusedBeforeTheStudyIsWritten(@TempDir Path dir) throws Exception {
        String data = System.getenv("DESCENT_DATA");
        org.junit.jupiter.api.Assumptions.assumeTrue(data != null && !data.isBlank(), "DESCENT_DATA not set");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused("choose another --port", "study", "--preset", "quick", "--steps", "5", "--data-dir", data, "--out", dir.resolve("s").toString(),
                    "--serve", "--port", Integer.toString(taken.getLocalPort()));
        }
        assertFalse(java.nio.file.Files.exists(dir.resolve("s/study.yaml")), "nothing written: the same command runs once the port is free");
    }

    @Test
    void studyHelp_showsServeWithAnExample() {
        CliRun.Result r = CliRun.run("study", "--help");
        for (String part : List.of("--serve", "--keep-serving", "--port", "--host", "8080", "127.0.0.1", "descent study --preset quick --serve")) {
            assertTrue(r.out().contains(part), part + " missing in: " + r.out());
        }
    }

    @Test
    void aPortInUse_isRefused(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused("choose another --port", "serve", dir.toString(), "--port", Integer.toString(taken.getLocalPort()));
        }
    }
}
