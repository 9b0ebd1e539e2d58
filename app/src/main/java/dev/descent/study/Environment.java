package dev.descent.study;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Where a study ran: descent version, JVM, CPU model, cores, threads, OS and date, for summary.json and
 * {@code bench --json}.
 *
 * <pre>{@code
 * Environment here = Environment.describe(2);          // this machine, 2 worker threads
 * }</pre>
 *
 * @param note    a remark on where the figures come from, or null (then not written)
 * @param threads worker threads, or null when not known (then not written)
 * @param date    when it was described, ISO-8601 UTC to the second
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Environment(String note, String descentVersion, String jvm, String cpu, int cores, Integer threads, String os, String date) {
    public static final String VERSION = "0.1.0";

    public Environment {
        StudySummary.present("descent_version, jvm, cpu, os, date", descentVersion, jvm, cpu, os, date);
    }

    /** This machine now, running {@code threads} worker threads. */
    public static Environment describe(int threads) {
        return new Environment(null, VERSION, System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                cpuModel(), Runtime.getRuntime().availableProcessors(), threads,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
    }

    /** This machine now with a {@code note} and no thread count: for figures that were not produced here. */
    public static Environment noted(String note) {
        Environment e = describe(0);
        return new Environment(note, e.descentVersion, e.jvm, e.cpu, e.cores, null, e.os, e.date);
    }

    /** Reads the JSON object; {@code note} and {@code threads} may be absent, every other field must be there. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Environment fromJson(Map<String, Object> f) {
        Object cores = StudySummary.present(f.get("cores"), "cores"), threads = f.get("threads");
        if (!(cores instanceof Integer) || threads != null && !(threads instanceof Integer)) {
            throw new IllegalArgumentException("cores and threads must be whole numbers, got cores=" + cores + ", threads=" + threads);
        }
        return new Environment(text(f, "note"), text(f, "descent_version"), text(f, "jvm"), text(f, "cpu"), (Integer) cores,
                (Integer) threads, text(f, "os"), text(f, "date"));
    }

    private static String text(Map<String, Object> f, String field) {
        Object v = f.get(field);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(field + " must be a string, got " + v);
        }
        return (String) v;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception ignored) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
