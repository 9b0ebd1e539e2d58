package dev.descent.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.cli.Main;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The descent command line run in this JVM, and a results folder's numbers compared with another's. */
final class Cli {
    private Cli() {
    }

    record Result(int exit, String out, String err) {
    }

    /** Runs {@code descent ARGS}, capturing its exit code and output. */
    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(cliErr, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + cliErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * Asserts that two sweep results folders hold the same units with the same numbers: every file but the plots and
     * the report, byte for byte once the columns and fields that measure time (their name holds "seconds") are left out.
     */
    static void assertSameNumbers(Path expected, Path actual) throws IOException {
        List<String> files = files(expected);
        assertEquals(files, files(actual), "the files of " + actual);
        ObjectMapper json = new ObjectMapper();
        for (String f : files) {
            String a = Files.readString(expected.resolve(f)), b = Files.readString(actual.resolve(f));
            if (f.endsWith(".csv")) {
                assertEquals(withoutSeconds(a), withoutSeconds(b), f);
            } else if (f.endsWith(".json")) {
                assertEquals(withoutSeconds(json.readTree(a)), withoutSeconds(json.readTree(b)), f);
            } else {
                assertEquals(a, b, f);
            }
        }
    }

    /** The folder's files (relative paths, sorted), without the plots and the report. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(f -> !f.startsWith("plots") && !f.equals("report.html") && !f.startsWith(".")).sorted().toList();
        }
    }

    /** A CSV table without the columns whose name holds "seconds". */
    static String withoutSeconds(String csv) {
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).split(",", -1);
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                if (!header[i].contains("seconds")) {
                    b.append(f[i]).append(',');
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static JsonNode withoutSeconds(JsonNode n) {
        if (n instanceof ObjectNode o) {
            List<String> drop = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.contains("seconds")) {
                    drop.add(k);
                } else {
                    withoutSeconds(o.get(k));
                }
            }
            o.remove(drop);
        } else if (n.isArray()) {
            n.forEach(Cli::withoutSeconds);
        }
        return n;
    }

    /** Whether MNIST is at hand ($DESCENT_DATA): the real-data tests need it and skip without it. */
    static boolean mnist() {
        String d = System.getenv("DESCENT_DATA");
        return d != null && Files.isDirectory(Path.of(d, "mnist"));
    }
}
