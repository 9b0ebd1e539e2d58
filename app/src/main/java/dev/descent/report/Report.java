package dev.descent.report;

import dev.descent.io.AtomicFiles;
import dev.descent.io.Json;
import dev.descent.study.Environment;
import dev.descent.study.MetricsCsv;
import dev.descent.study.ResultsFolder;
import dev.descent.study.RunResult;
import dev.descent.study.RunSpec;
import dev.descent.study.StudyFile;
import dev.descent.study.StudySpec;
import dev.descent.study.Summary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a study's summary.json, plots (PNG and SVG, in {@code plots/}) and report.html from its results.
 *
 * <pre>{@code
 * Path html = Report.write(dir, results, spec, threads);   // after a study
 * Path again = Report.fromMetrics(dir);                     // descent report DIR
 * }</pre>
 */
public final class Report {
    public static final String SUMMARY = "summary.json", HTML = "report.html", PLOTS = "plots";

    private Report() {
    }

    /** Re-renders everything from {@code dir/metrics.csv} (and study.yaml for the configuration, if present). */
    public static Path fromMetrics(Path dir) throws IOException {
        Path metrics = dir.resolve(ResultsFolder.METRICS);
        if (!Files.isRegularFile(metrics)) {
            throw new IllegalArgumentException(dir + " has no " + ResultsFolder.METRICS + ": is it a study results folder?");
        }
        Path studyFile = dir.resolve(ResultsFolder.STUDY);
        StudySpec spec = Files.isRegularFile(studyFile) ? StudyFile.read(studyFile) : null;
        List<RunResult> results = MetricsCsv.read(metrics, spec);   // the study's divergence rule and guards judge the rows
        if (results.isEmpty()) {
            throw new IllegalArgumentException(metrics + " holds no runs");
        }
        return write(dir, results, spec, -1);
    }

    /** Writes summary.json, the plots and report.html; returns the report's path. */
    public static Path write(Path dir, List<RunResult> results, StudySpec spec, int threads) throws IOException {
        double smoothing = spec != null ? spec.smoothing() : 0.9;
        double threshold = spec != null ? spec.lossThreshold() : 0.3;
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunResult r : results) {
            runs.add(Summary.run(r, smoothing, threshold));
        }
        List<Map<String, Object>> aggregate = Summary.aggregate(runs);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("study", spec != null ? spec.name() : dir.getFileName().toString());
        summary.put("conclusion", conclusion(aggregate));
        summary.put("runs", runs);
        summary.put("aggregate", aggregate);
        summary.put("config", spec != null ? config(spec) : null);
        summary.put("environment", threads > 0 ? Environment.describe(threads) : previousEnvironment(dir));
        AtomicFiles.write(dir.resolve(SUMMARY), Json.pretty(summary));

        List<Plots.Figure> figures = Plots.render(dir.resolve(PLOTS), results, spec, smoothing);
        Path html = dir.resolve(HTML);
        AtomicFiles.write(html, Html.page(dir, spec, aggregate, conclusion(aggregate), figures, summary, smoothing, threshold));
        return html;
    }

    private static Object previousEnvironment(Path dir) {
        // descent report re-renders: the environment of the run that produced the metrics is not in the CSV
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("note", "re-rendered from metrics.csv by descent report; see the study run's terminal output for its machine");
        m.putAll(Environment.describe(0));
        m.remove("threads");
        return m;
    }

    static Map<String, Object> config(StudySpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("dataset", s.dataset());
        m.put("model", s.model());
        m.put("steps", s.steps() > 0 ? s.steps() : null);
        m.put("epochs", s.epochs() > 0 ? s.epochs() : null);
        m.put("batch", s.batch());
        m.put("eval_every", s.evalEvery());
        m.put("eval_examples", s.evalExamples());
        m.put("seeds", new ArrayList<>(s.seeds()));
        m.put("loss_threshold", s.lossThreshold());
        m.put("smoothing", s.smoothing());
        List<Object> opts = new ArrayList<>();
        for (RunSpec r : s.runs()) {
            opts.add(Json.object("name", r.name(), "optimizer", r.optimizer(), "params", new LinkedHashMap<>(r.params()),
                    "lr", r.lr(), "schedule", r.schedule(), "spec", r.optimizerSpec()));
        }
        m.put("optimizers", opts);
        return m;
    }

    /**
     * One or two plain sentences from the numbers: which configuration reached the lowest smoothed training
     * loss, which the best test accuracy, and whether each lead exceeds the seed-to-seed spread.
     */
    static String conclusion(List<Map<String, Object>> agg) {
        List<Map<String, Object>> ok = agg.stream().filter(a -> !Double.isNaN(Summary.mean(a, "final_smoothed_loss"))).toList();
        if (ok.isEmpty()) {
            return "Every run diverged: no configuration trained.";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(lead(ok, "final_smoothed_loss", true, "the lowest final training loss (smoothed)", "%.4f"));
        sb.append(' ');
        sb.append(lead(ok, "test_accuracy", false, "the best test accuracy", "%.4f"));
        int seeds = ((Number) ok.get(0).get("seeds")).intValue();
        if (seeds < 2) {
            sb.append(" With one seed the spread between seeds is unknown; run with --seeds 3 to tell a real gap from chance.");
        }
        long diverged = agg.stream().mapToLong(a -> ((Number) a.get("diverged")).longValue()).sum();
        if (diverged > 0) {
            sb.append(' ').append(diverged).append(diverged == 1 ? " run" : " runs").append(" diverged.");
        }
        return sb.toString();
    }

    private static String lead(List<Map<String, Object>> agg, String key, boolean lowerIsBetter, String what, String fmt) {
        List<Map<String, Object>> sorted = new ArrayList<>(agg);
        sorted.removeIf(a -> Double.isNaN(Summary.mean(a, key)));
        sorted.sort((a, b) -> lowerIsBetter ? Double.compare(Summary.mean(a, key), Summary.mean(b, key))
                : Double.compare(Summary.mean(b, key), Summary.mean(a, key)));
        if (sorted.isEmpty()) {
            return "";
        }
        Map<String, Object> best = sorted.get(0);
        String s = String.format(Locale.ROOT, "%s reached %s (" + fmt + ")", best.get("name"), what, Summary.mean(best, key));
        if (sorted.size() < 2) {
            return s + ".";
        }
        Map<String, Object> second = sorted.get(1);
        double gap = Math.abs(Summary.mean(best, key) - Summary.mean(second, key));
        s += String.format(Locale.ROOT, ", ahead of %s (" + fmt + ")", second.get("name"), Summary.mean(second, key));
        int n = ((Number) best.get("seeds")).intValue();
        if (n >= 2) {
            double spread = Math.max(Summary.std(best, key), Summary.std(second, key));
            s += gap > spread
                    ? String.format(Locale.ROOT, "; the gap (" + fmt + ") is larger than the seed-to-seed spread (std " + fmt + ")", gap, spread)
                    : String.format(Locale.ROOT, "; the gap (" + fmt + ") is within the seed-to-seed spread (std " + fmt + "), so the order may be chance", gap, spread);
        }
        return s + ".";
    }

    /** The summary table on the terminal. */
    public static void printTable(PrintStream out, List<RunResult> results, StudySpec spec) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunResult r : results) {
            runs.add(Summary.run(r, spec.smoothing(), spec.lossThreshold()));
        }
        List<Map<String, Object>> agg = Summary.aggregate(runs);
        out.printf(Locale.ROOT, "%-16s %6s %22s %20s %14s %10s%n", "configuration", "seeds", "final loss (smoothed)", "test accuracy",
                "steps to " + spec.lossThreshold(), "seconds");
        for (Map<String, Object> a : agg) {
            out.printf(Locale.ROOT, "%-16s %6s %22s %20s %14s %10s%n", a.get("name"), a.get("seeds"),
                    pm(a, "final_smoothed_loss", "%.4f"), pm(a, "test_accuracy", "%.4f"), pm(a, "steps_to_threshold", "%.0f"),
                    pm(a, "train_seconds", "%.1f"));
        }
        out.println(conclusion(agg));
    }

    /** "mean ± std" (just the mean for one seed; "–" when no value). */
    static String pm(Map<String, Object> a, String key, String fmt) {
        Map<?, ?> st = (Map<?, ?>) a.get(key);
        int n = ((Number) st.get("n")).intValue();
        if (n == 0) {
            return "–";
        }
        double mean = ((Number) st.get("mean")).doubleValue(), std = ((Number) st.get("std")).doubleValue();
        return n == 1 ? String.format(Locale.ROOT, fmt, mean) : String.format(Locale.ROOT, fmt + " ± " + fmt, mean, std);
    }

    static String dataUri(Path file, String mime) throws IOException {
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
