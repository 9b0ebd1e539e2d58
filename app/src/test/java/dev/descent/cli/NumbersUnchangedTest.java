package dev.descent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Numbers recorded before a refactoring stay bit for bit what they were: every case of
 * {@code unchanged/cases.txt} (a {@code descent train} command line) gives the recorded loss of every step
 * and the recorded JSON figures, and the {@code quick} study gives the recorded metrics and summary. Only
 * wall-time fields are left out. The recordings come from {@code tools/unchanged/record.sh}; regenerate them
 * only for a change that is meant to alter numbers, and say so in its commit.
 */
class NumbersUnchangedTest {

    /** Fields that measure time or the machine, not the computation. */
    private static final Set<String> NOT_COMPARED = Set.of("train_seconds", "images_per_second", "threads", "optimizer");
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"[^\"]*\"|[^,{}\\[\\]\\s]+)");

    record Case(String name, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : resource("cases.txt").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> words = Arrays.asList(line.strip().split("\\s+"));
            out.add(new Case(words.get(0), words.subList(1, words.size())));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void train_givesTheRecordedLossesAndFigures(Case c, @TempDir Path tmp) throws IOException {
        Path csv = tmp.resolve("losses.csv");
        List<String> args = new ArrayList<>(List.of("train", "--data-dir", TrainCommandTest.dataDir()));
        args.addAll(c.args());
        args.addAll(List.of("--csv", csv.toString(), "--json"));
        CliRun.Result r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertEquals(resource(c.name() + ".csv"), Files.readString(csv), c.name() + ": per-step losses");
        List<String> lines = r.out().lines().toList();
        assertEquals(fields(resource(c.name() + ".json")), fields(lines.get(lines.size() - 1)), c.name() + ": JSON figures");
    }

    @Test
    void quickStudy_givesTheRecordedMetricsAndSummary(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("quick");
        CliRun.Result r = CliRun.run("study", "--preset", "quick", "--data-dir", TrainCommandTest.dataDir(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(withoutSeconds(resource("quick-metrics.csv")), withoutSeconds(Files.readString(out.resolve("metrics.csv"))));
        assertEquals(runs(resource("quick-summary.json")), runs(Files.readString(out.resolve("summary.json"))));
    }

    /** The JSON's scalar fields in order, numbers as doubles, without the timing fields. */
    private static Map<String, Object> fields(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(json);
        int k = 0;
        while (m.find()) {
            if (!NOT_COMPARED.contains(m.group(1))) {
                String v = m.group(2);
                Object value = v.startsWith("\"") || v.equals("true") || v.equals("false") || v.equals("null") ? v : (Object) Double.parseDouble(v);
                out.put(k++ + ":" + m.group(1), value);
            }
        }
        return out;
    }

    /** The summary's per-run fields (everything but the timings), and the conclusion. */
    private static Map<String, Object> runs(String summary) {
        int from = summary.indexOf("\"runs\"");
        int to = summary.indexOf(']', from);
        Map<String, Object> out = fields(summary.substring(from, to));
        Matcher conclusion = Pattern.compile("\"conclusion\"\\s*:\\s*\"([^\"]*)\"").matcher(summary);
        out.put("conclusion", conclusion.find() ? conclusion.group(1) : "(none)");
        return out;
    }

    /** metrics.csv without its wall-time column. */
    private static String withoutSeconds(String csv) {
        List<String> lines = csv.lines().toList();
        int col = Arrays.asList(lines.get(0).split(",", -1)).indexOf("seconds");
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            cells.remove(col);
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = NumbersUnchangedTest.class.getResourceAsStream("/unchanged/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource unchanged/" + name + " (tools/unchanged/record.sh writes it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
