package dev.descent.study;

import dev.descent.optim.NonFiniteGuard;
import dev.descent.train.Divergence;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The metrics file: one row per configuration × seed × step, columns {@value RunResult#CSV_HEADER}.
 * Test columns are empty except at evaluation steps (the last step of a run is always evaluated, so its
 * row holds the run's final test accuracy). Whether and why a run diverged, and which steps the non-finite
 * guard skipped, are not columns: the trainer stops a run at the step it diverges, so they follow from the rows
 * under the study's divergence rule and the run's {@code on_nonfinite} policy ({@link #fromRows}).
 */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    public static void append(StringBuilder sb, RunResult r) {
        for (RunResult.Row row : r.rows()) {
            appendRow(sb, r.name(), r.seed(), row.step(), row.loss(), row.lr(), row.gradNorm(), row.seconds(), row.testLoss(), row.testAccuracy());
        }
    }

    /**
     * One row, with its newline: the one place a metrics row is formatted (the finished run's file and the live file
     * of a run still training, {@link LiveCsv}, so the finished file's rows extend the live file's to the bit).
     */
    public static void appendRow(StringBuilder sb, String name, long seed, long step, double loss, double lr, double gradNorm,
                                 double seconds, double testLoss, double testAccuracy) {
        sb.append(name).append(',').append(seed).append(',').append(step).append(',')
                .append(num(loss)).append(',').append(num(lr)).append(',').append(num(gradNorm)).append(',')
                .append(String.format(Locale.ROOT, "%.4f", seconds)).append(',')
                .append(Double.isNaN(testLoss) ? "" : num(testLoss)).append(',')
                .append(Double.isNaN(testAccuracy) ? "" : num(testAccuracy)).append('\n');
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

    /**
     * Reads a metrics file back into runs, in the order they first appear, each ordered by step. Rejects, with the
     * file and line: a wrong header or column count, an empty or invalid name or seed, a value that is not a
     * number, a step given twice, and a run whose steps do not run 1, 2, 3, … without a gap.
     */
    public static List<RunResult> read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * {@link #read(Path)}, with each run's divergence and skipped steps judged by {@code spec}'s divergence rule and
     * the {@code on_nonfinite} policy of the run of that name ({@code spec} null: the default rule, no guard).
     */
    public static List<RunResult> read(Path file, StudySpec spec) throws IOException {
        Map<String, List<RunResult.Row>> rows = new LinkedHashMap<>();
        Map<String, Map<Long, Integer>> lineOfStep = new LinkedHashMap<>();
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
                String where = file + " line " + lineNo + ": ";
                if (f[0].isBlank()) {
                    throw new IllegalArgumentException(where + "the optimizer (run name) is empty");
                }
                long seed = integer(where, "seed", f[1]);
                long step = integer(where, "step", f[2]);
                if (step < 1) {
                    throw new IllegalArgumentException(where + "step must be >= 1, got " + step);
                }
                String key = f[0] + "\u0000" + seed;
                Integer earlier = lineOfStep.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(step, lineNo);
                if (earlier != null) {
                    throw new IllegalArgumentException(where + f[0] + " seed " + seed + " step " + step + " is given twice (also on line " + earlier + ")");
                }
                rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new RunResult.Row(step,
                        number(where, "loss", f[3], false), number(where, "lr", f[4], false), number(where, "grad_norm", f[5], false),
                        number(where, "seconds", f[6], false), number(where, "test_loss", f[7], true), number(where, "test_accuracy", f[8], true)));
            }
        }
        List<RunResult> out = new ArrayList<>();
        for (var e : rows.entrySet()) {
            String[] k = e.getKey().split("\u0000");
            List<RunResult.Row> run = new ArrayList<>(e.getValue());
            run.sort(Comparator.comparingLong(RunResult.Row::step));
            for (int i = 0; i < run.size(); i++) {
                if (run.get(i).step() != i + 1) {
                    long missing = i + 1;
                    throw new IllegalArgumentException(file + ": " + k[0] + " seed " + k[1] + " has no row for step " + missing
                            + " (its steps must run 1, 2, 3, … without a gap; the next is on line " + lineOfStep.get(e.getKey()).get(run.get(i).step()) + ")");
                }
            }
            out.add(fromRows(k[0], Long.parseLong(k[1]), run, spec == null ? Divergence.DEFAULT : spec.divergence(), guard(spec, k[0])));
        }
        return out;
    }

    private static long integer(String where, String column, String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(where + column + " is empty");
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + column + " must be a whole number, got '" + text + "'");
        }
    }

    /** A number; an empty cell is allowed (as NaN, "not evaluated") only in the test columns. */
    private static double number(String where, String column, String text, boolean mayBeEmpty) {
        if (text.isBlank()) {
            if (mayBeEmpty) {
                return Double.NaN;
            }
            throw new IllegalArgumentException(where + column + " is empty");
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + column + " must be a number (or NaN, Infinity), got '" + text + "'");
        }
    }

    /** The {@code on_nonfinite} policy of the run named {@code name} in {@code spec}; null when it has none. */
    static NonFiniteGuard.Policy guard(StudySpec spec, String name) {
        if (spec == null) {
            return null;
        }
        for (RunSpec run : spec.runs()) {
            if (run.name().equals(name)) {
                return run.optimization().newOptimizer().link(NonFiniteGuard.class).map(NonFiniteGuard::policy).orElse(null);
            }
        }
        return null;
    }

    /**
     * One run from its rows, in step order. Its final test figures are those of its last step, which is always
     * evaluated; where that row has none they are missing (NaN), never taken from an earlier evaluation.
     *
     * <p>The trainer's rules, read back. Only the last row can be a divergence: it diverged if its loss is not
     * finite (unless {@code guard} is SKIP), if its loss is above {@code rule}'s limit (the first finite loss being
     * the initial one), or, with {@code guard} STOP, if its gradient norm is not finite (the guard stopped the run
     * there). With {@code guard} SKIP, every other row whose loss or gradient norm is not finite is a skipped step.
     */
    static RunResult fromRows(String name, long seed, List<RunResult.Row> rows, Divergence rule, NonFiniteGuard.Policy guard) {
        RunResult.Row last = rows.get(rows.size() - 1);
        double initial = rows.stream().mapToDouble(RunResult.Row::loss).filter(Double::isFinite).findFirst().orElse(Double.NaN);
        Divergence.Cause cause = guard == NonFiniteGuard.Policy.SKIP && !Double.isFinite(last.loss()) ? null : rule.test(last.loss(), initial);
        if (cause == null && guard == NonFiniteGuard.Policy.STOP && !Double.isFinite(last.gradNorm())) {
            cause = Divergence.Cause.NON_FINITE_GRADIENT;
        }
        Set<Long> skipped = new LinkedHashSet<>();
        if (guard == NonFiniteGuard.Policy.SKIP) {
            for (RunResult.Row row : rows) {
                if (!(Double.isFinite(row.loss()) && Double.isFinite(row.gradNorm())) && !(cause != null && row == last)) {
                    skipped.add(row.step());
                }
            }
        }
        boolean diverged = cause != null;
        return new RunResult(name, seed, List.copyOf(rows), last.testAccuracy(), last.testLoss(), diverged, diverged ? last.step() : -1,
                last.seconds(), cause, skipped);
    }
}
