package dev.descent.study;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics file: one row per configuration × seed × step, columns {@value RunResult#CSV_HEADER}.
 * Test columns are empty except at evaluation steps (the last step of a run is always evaluated, so its
 * row holds the run's final test accuracy). A run whose last loss is not finite diverged there.
 */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    public static void append(StringBuilder sb, RunResult r) {
        for (RunResult.Row row : r.rows()) {
            sb.append(r.name()).append(',').append(r.seed()).append(',').append(row.step()).append(',')
                    .append(num(row.loss())).append(',').append(num(row.lr())).append(',').append(num(row.gradNorm())).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", row.seconds())).append(',')
                    .append(Double.isNaN(row.testLoss()) ? "" : num(row.testLoss())).append(',')
                    .append(Double.isNaN(row.testAccuracy()) ? "" : num(row.testAccuracy())).append('\n');
        }
    }

    public static String format(List<RunResult> results) {
        StringBuilder sb = new StringBuilder(RunResult.CSV_HEADER).append('\n');
        for (RunResult r : results) {
            append(sb, r);
        }
        return sb.toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(v);
    }

    /** Reads a metrics file back into runs, in the order they first appear. */
    public static List<RunResult> read(Path file) throws IOException {
        Map<String, List<RunResult.Row>> rows = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.trim().equals(RunResult.CSV_HEADER)) {
                throw new IllegalArgumentException(file + ": expected the header '" + RunResult.CSV_HEADER + "', found '" + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 9) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": expected 9 columns, found " + f.length);
                }
                try {
                    String key = f[0] + "\u0000" + f[1];
                    rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new RunResult.Row(Long.parseLong(f[2]),
                            Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                            f[7].isEmpty() ? Double.NaN : Double.parseDouble(f[7]), f[8].isEmpty() ? Double.NaN : Double.parseDouble(f[8])));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": not a number: " + e.getMessage());
                }
            }
        }
        List<RunResult> out = new ArrayList<>();
        for (var e : rows.entrySet()) {
            String[] k = e.getKey().split("\u0000");
            out.add(fromRows(k[0], Long.parseLong(k[1]), e.getValue()));
        }
        return out;
    }

    static RunResult fromRows(String name, long seed, List<RunResult.Row> rows) {
        RunResult.Row last = rows.get(rows.size() - 1);
        boolean diverged = !Double.isFinite(last.loss());
        double acc = Double.NaN, loss = Double.NaN;
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (!Double.isNaN(rows.get(i).testAccuracy())) {
                acc = rows.get(i).testAccuracy();
                loss = rows.get(i).testLoss();
                break;
            }
        }
        return new RunResult(name, seed, List.copyOf(rows), acc, loss, diverged, diverged ? last.step() : -1, last.seconds());
    }
}
