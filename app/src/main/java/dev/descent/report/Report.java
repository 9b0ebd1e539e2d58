package dev.descent.report;

import dev.descent.io.AtomicFiles;
import dev.descent.stats.SampleStats;
import dev.descent.study.ConfigSummary;
import dev.descent.study.Environment;
import dev.descent.study.MetricsCsv;
import dev.descent.study.ResultsFolder;
import dev.descent.study.RunResult;
import dev.descent.study.RunSummary;
import dev.descent.study.StudyFile;
import dev.descent.study.StudySpec;
import dev.descent.study.StudySummary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

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
        return write(dir, inStudyOrder(results, spec), spec, -1);
    }

    /**
     * The runs in the study's order (seed-major, then configuration), whatever the order of the CSV's rows; runs
     * the study does not name, and all runs when there is no study file, by seed and then first appearance.
     */
    static List<RunResult> inStudyOrder(List<RunResult> results, StudySpec spec) {
        List<String> names = new ArrayList<>();
        if (spec != null) {
            spec.runs().forEach(r -> names.add(r.name()));
        }
        results.forEach(r -> {
            if (!names.contains(r.name())) {
                names.add(r.name());
            }
        });
        List<Long> seeds = spec != null ? spec.seeds() : List.of();
        return results.stream().sorted(Comparator
                .comparingInt((RunResult r) -> seeds.contains(r.seed()) ? seeds.indexOf(r.seed()) : seeds.size())
                .thenComparingLong(RunResult::seed)
                .thenComparingInt(r -> names.indexOf(r.name()))).toList();
    }

    /** Writes summary.json, the plots and report.html; returns the report's path. */
    public static Path write(Path dir, List<RunResult> results, StudySpec spec, int threads) throws IOException {
        double smoothing = spec != null ? spec.smoothing() : 0.9;
        double threshold = spec != null ? spec.lossThreshold() : 0.3;
        List<RunSummary> runs = runs(results, smoothing, threshold);
        List<ConfigSummary> aggregate = ConfigSummary.aggregate(runs);
        StudySummary summary = new StudySummary(StudySummary.FORMAT, spec != null ? spec.name() : dir.getFileName().toString(),
                conclusion(aggregate), runs, aggregate, spec != null ? StudySummary.Config.of(spec) : null,
                threads > 0 ? Environment.describe(threads)
                        // descent report re-renders: the environment of the run that produced the metrics is not in the CSV
                        : Environment.noted("re-rendered from metrics.csv by descent report; see the study run's terminal output for its machine"));
        summary.write(dir.resolve(SUMMARY));

        List<Plots.Figure> figures = Plots.render(dir.resolve(PLOTS), results, spec, smoothing);
        Path html = dir.resolve(HTML);
        AtomicFiles.write(html, Html.page(dir, spec, summary, figures, smoothing, threshold, Interactive.Data.study(results)));
        return html;
    }

    private static List<RunSummary> runs(List<RunResult> results, double smoothing, double threshold) {
        return results.stream().map(r -> RunSummary.of(r, smoothing, threshold)).toList();
    }

    /**
     * One or two plain sentences from the numbers: which configuration reached the lowest smoothed training
     * loss, which the best test accuracy, and whether each lead exceeds the seed-to-seed spread.
     */
    static String conclusion(List<ConfigSummary> agg) {
        // a configuration whose every seed diverged trained nowhere, even if its loss stayed finite (above the limit)
        List<ConfigSummary> ok = agg.stream().filter(a -> a.diverged() < a.seeds() && !Double.isNaN(a.finalSmoothedLoss().mean())).toList();
        if (ok.isEmpty()) {
            return "Every run diverged: no configuration trained.";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(lead(ok, ConfigSummary::finalSmoothedLoss, true, "the lowest final training loss (smoothed)", 4));
        sb.append(' ');
        sb.append(lead(ok, ConfigSummary::testAccuracy, false, "the best test accuracy", 4));
        if (ok.get(0).seeds() < 2) {
            sb.append(" With one seed the spread between seeds is unknown; run with --seeds 3 to tell a real gap from chance.");
        }
        List<String> missing = agg.stream().filter(a -> a.testAccuracy().n() < a.seeds())
                .map(a -> a.name() + " (" + (a.seeds() - a.testAccuracy().n()) + " of " + a.seeds() + (a.seeds() == 1 ? " run)" : " runs)")).toList();
        if (!missing.isEmpty()) {
            sb.append(" The final test accuracy is missing from the results for ").append(String.join(", ", missing))
                    .append(", so those runs are left out of that comparison.");
        }
        long diverged = agg.stream().mapToLong(ConfigSummary::diverged).sum();
        if (diverged > 0) {
            sb.append(' ').append(diverged).append(diverged == 1 ? " run" : " runs").append(" diverged.");
        }
        return sb.toString();
    }

    private static String lead(List<ConfigSummary> agg, Function<ConfigSummary, SampleStats> figure, boolean lowerIsBetter,
                               String what, int decimals) {
        ToDoubleFunction<ConfigSummary> mean = a -> figure.apply(a).mean();
        List<ConfigSummary> sorted = new ArrayList<>(agg);
        sorted.removeIf(a -> Double.isNaN(mean.applyAsDouble(a)));
        sorted.sort((a, b) -> lowerIsBetter ? Double.compare(mean.applyAsDouble(a), mean.applyAsDouble(b))
                : Double.compare(mean.applyAsDouble(b), mean.applyAsDouble(a)));
        if (sorted.isEmpty()) {
            return "";
        }
        ConfigSummary best = sorted.get(0);
        String s = best.name() + " reached " + what + " (" + number(mean.applyAsDouble(best), decimals) + ")";
        if (sorted.size() < 2) {
            return s + ".";
        }
        ConfigSummary second = sorted.get(1);
        double gap = Math.abs(mean.applyAsDouble(best) - mean.applyAsDouble(second));
        s += ", ahead of " + second.name() + " (" + number(mean.applyAsDouble(second), decimals) + ")";
        if (best.seeds() >= 2) {
            double spread = Math.max(figure.apply(best).std(), figure.apply(second).std());
            String gapAndSpread = "the gap (" + number(gap, decimals) + ") is " + (gap > spread ? "larger than" : "within")
                    + " the seed-to-seed spread (std " + number(spread, decimals) + ")";
            double ratio = factorApart(mean.applyAsDouble(best), mean.applyAsDouble(second));
            if (gap > spread) {
                s += "; " + gapAndSpread;
            } else if (ratio >= 10) {
                // an outlier seed can make the spread huge; a tenfold difference of the means is still no coin toss
                s += "; " + gapAndSpread + ", but the means are " + number(ratio, 0) + " times apart, so the order is not chance";
            } else {
                s += "; " + gapAndSpread + ", so the order may be chance";
            }
        }
        return s + ".";
    }

    /** The summary table on the terminal. */
    public static void printTable(PrintStream out, List<RunResult> results, StudySpec spec) {
        List<ConfigSummary> agg = ConfigSummary.aggregate(runs(results, spec.smoothing(), spec.lossThreshold()));
        out.printf(Locale.ROOT, "%-16s %6s %22s %20s %14s %10s%n", "configuration", "seeds", "final loss (smoothed)", "test accuracy",
                "steps to " + spec.lossThreshold(), "seconds");
        for (ConfigSummary a : agg) {
            out.printf(Locale.ROOT, "%-16s %6s %22s %20s %14s %10s%n", a.name(), a.seeds(),
                    pm(a.finalSmoothedLoss(), 4), pm(a.testAccuracy(), 4), pm(a.stepsToThreshold(), 0),
                    pm(a.trainSeconds(), 1));
        }
        out.println(conclusion(agg));
    }

    /** "mean ± std" (just the mean for one seed; "–" when no value), each as {@link #number}. */
    static String pm(SampleStats st, int decimals) {
        if (st.n() == 0) {
            return "–";
        }
        return st.n() == 1 ? number(st.mean(), decimals) : number(st.mean(), decimals) + " ± " + number(st.std(), decimals);
    }

    /**
     * {@code v} with {@code decimals} decimals where that reads well, else in powers of ten with three significant
     * digits ({@code 9.60e+22}, {@code 3.20e-07}), so that a blown-up loss neither breaks a table nor shows as 0.0000.
     */
    static String number(double v, int decimals) {
        double a = Math.abs(v);
        if (!Double.isFinite(v) || a == 0 || (a < 1e6 && a >= Math.pow(10, -decimals))) {
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    /** max/min of two positive means (how many times apart they are), or 1 where that means nothing. */
    private static double factorApart(double a, double b) {
        return a > 0 && b > 0 ? Math.max(a, b) / Math.min(a, b) : 1;
    }

    static String dataUri(Path file, String mime) throws IOException {
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
