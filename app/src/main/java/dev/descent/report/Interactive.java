package dev.descent.report;

import dev.descent.io.Json;
import dev.descent.study.RunResult;
import dev.descent.sweep.RerunRecord;
import dev.descent.sweep.SweepResults;
import dev.descent.sweep.TrialsCsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToDoubleFunction;

/**
 * The interactive part of report.html: the dashboard's charts (smoothing slider, log y, step or wall time, run filter,
 * seed bands, zoom, hover read-out; a sweep's trial scatters) in the page itself, so that it still opens offline from
 * disk as one file. uPlot (from its WebJar), the shared chart code ({@code dev/descent/serve/charts.js}, the same file
 * the dashboard loads) and the report's start-up code ({@code report.js}) are inlined as one script; the data is a JSON
 * block ({@code <script type="application/json">}, never executed). The static PNG figures stay in the page for papers
 * and for readers without JavaScript.
 *
 * <p>The page carries its own Content-Security-Policy: nothing from elsewhere, and only this one script, named by its
 * SHA-256 ({@link #SCRIPT_SOURCE}), which depends on descent's build only, not on the data. A server that sends the
 * report (descent serve) can allow exactly that script with the same source expression.
 *
 * <pre>{@code
 * h.append(Interactive.head());                                 // CSP, uPlot's and the charts' styles
 * h.append(Interactive.body(Interactive.Data.study(results)));  // the charts' place, the data, the script
 * }</pre>
 */
public final class Interactive {
    /** Where uPlot's files are in its WebJar (the version from its Maven metadata, written once in app/pom.xml); the dashboard serves them from here too. */
    public static final String UPLOT = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
    private static final String SCRIPT = read(UPLOT + "uPlot.iife.min.js") + "\n" + read("/dev/descent/serve/charts.js") + "\n"
            + read("/dev/descent/report/report.js");
    private static final String STYLE = read(UPLOT + "uPlot.min.css") + "\n" + read("/dev/descent/serve/charts.css");
    /** The script's CSP source expression, {@code 'sha256-…'}: the one script a report runs. */
    public static final String SCRIPT_SOURCE = "'sha256-" + sha256(SCRIPT) + "'";
    /** The report's own policy: its inline script and styles, pictures inlined as data URIs, nothing else. */
    static final String CSP = "default-src 'none'; script-src " + SCRIPT_SOURCE + "; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'";
    /**
     * The most rows a report embeds (about 25 bytes each, so some 12 MB): a longer study embeds every k-th step, and
     * says so; its static figures and summary still use every step.
     */
    static final long MAX_ROWS = 500_000;
    /** Significant digits of the embedded numbers: enough for any chart, a third of the full text. */
    static final int DIGITS = 6;

    /**
     * What the charts draw. {@code series}: one per run, {@code cols} by the names of the dashboard's CSV columns
     * ({@code step, loss, lr, grad_norm, seconds, test_accuracy}), null where a row has no value; {@code trials}: a
     * sweep's trials.csv as rows of cells (its header first), or null.
     */
    public record Data(String kind, int stride, List<Series> series, List<List<String>> trials) {
        /** A study's runs, labelled {@code NAME seed S}, grouped by configuration. */
        static Data study(List<RunResult> results) {
            int stride = stride(results.stream().mapToLong(r -> r.rows().size()).sum(), MAX_ROWS);
            return new Data("study", stride, results.stream()
                    .map(r -> Series.of(r.name() + " seed " + r.seed(), r.name(), r.rows(), stride)).toList(), null);
        }

        /**
         * A sweep's re-runs and untuned runs ({@code PROBLEM OPTIMIZER seed S}, grouped by problem and optimizer, untuned
         * apart) and its trials table, as trials.csv writes it.
         */
        static Data sweep(SweepResults results) {
            int stride = stride(results.reruns().stream().mapToLong(r -> r.rows().size()).sum(), MAX_ROWS);
            List<Series> series = new ArrayList<>();
            for (RerunRecord r : results.reruns()) {
                if (!r.rows().isEmpty()) {
                    String group = r.problem() + " " + r.optimizer() + (r.untuned() ? " untuned" : "");
                    series.add(Series.of(group + " seed " + r.seed(), group, r.rows(), stride));
                }
            }
            List<List<String>> trials = TrialsCsv.trials(results.spec(), results.trials(), t -> true).lines()
                    .map(line -> List.of(line.split(",", -1))).toList();
            return new Data("sweep", stride, series, trials);
        }

        /** Every how many steps a row is embedded so that {@code rows} rows fit in {@code max}: ⌈rows / max⌉, at least 1. */
        static int stride(long rows, long max) {
            return (int) Math.max(1, (rows + max - 1) / max);
        }
    }

    /** One run's columns. */
    public record Series(String label, String group, Map<String, List<Double>> cols) {
        /**
         * The rows' columns, every {@code stride}-th row (counting from the first) plus the last and every row with an
         * evaluation.
         */
        static Series of(String label, String group, List<RunResult.Row> rows, int stride) {
            List<RunResult.Row> kept = stride == 1 ? rows : new ArrayList<>();
            if (stride > 1) {
                for (int i = 0; i < rows.size(); i++) {
                    if (i % stride == 0 || i == rows.size() - 1 || !Double.isNaN(rows.get(i).testAccuracy())) {
                        kept.add(rows.get(i));
                    }
                }
            }
            Map<String, List<Double>> cols = new LinkedHashMap<>();
            cols.put("step", column(kept, r -> r.step()));
            cols.put("loss", column(kept, RunResult.Row::loss));
            cols.put("lr", column(kept, RunResult.Row::lr));
            cols.put("grad_norm", column(kept, RunResult.Row::gradNorm));
            cols.put("seconds", column(kept, RunResult.Row::seconds));
            if (kept.stream().anyMatch(r -> !Double.isNaN(r.testAccuracy()))) {
                cols.put("test_accuracy", column(kept, RunResult.Row::testAccuracy));
            }
            return new Series(label, group, cols);
        }
    }

    private Interactive() {
    }

    /** For the page's head: its policy and the charts' styles. */
    static String head() {
        return "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n<style>\n" + STYLE + "\n</style>\n";
    }

    /**
     * The charts' section (hidden until the script runs, so a reader without JavaScript sees the static figures only),
     * the data, and the script.
     */
    static String body(Data data) {
        return "<section id=\"interactive\" hidden>\n<h2>Interactive charts</h2>\n<p class=\"hint\">Drag to zoom, double-click to "
                + "zoom out; hover to read every run. Smoothing is the bias-corrected EMA TensorBoard draws; the loss and gradient-norm "
                + "axes ignore outliers as TensorBoard does (untick to see every value). The static figures below are for print."
                + (data.stride() > 1 ? " These charts hold one step in every " + data.stride() + " (and every evaluation) of the runs, "
                + "to keep this file small; the figures and tables use every step." : "") + "</p>\n</section>\n"
                + "<script type=\"application/json\" id=\"descent-data\">" + json(data) + "</script>\n"
                + "<script>" + SCRIPT + "</script>\n";
    }

    /** The data as JSON that cannot end its script element early: every {@code <} is written as {@code \u003c}. */
    static String json(Data data) {
        return Json.write(data).replace("<", "\\u003c");
    }

    /** {@code v} to {@link #DIGITS} significant digits; NaN and infinities stay (they are written as null). */
    static double round(double v) {
        return Double.isFinite(v) && v != 0 ? new BigDecimal(v).round(new MathContext(DIGITS)).doubleValue() : v;
    }

    private static List<Double> column(List<RunResult.Row> rows, ToDoubleFunction<RunResult.Row> f) {
        List<Double> out = new ArrayList<>(rows.size());
        for (RunResult.Row r : rows) {
            out.add(round(f.applyAsDouble(r)));
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = Interactive.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path: the report's charts cannot be inlined");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.toLowerCase(java.util.Locale.ROOT).contains("</script") || text.contains("<!--")) {
                throw new IllegalStateException(resource + " holds </script or <!--, which would end its inline script early");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String uplotVersion() {
        try (InputStream in = Interactive.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("uPlot's WebJar (org.webjars.npm:uplot) is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read uPlot's WebJar metadata", e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
