package dev.descent.report;

import dev.descent.io.AtomicFiles;
import dev.descent.sweep.SweepResults;
import dev.descent.sweep.SweepSummary;
import dev.descent.sweep.SweepSummary.Result;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static dev.descent.report.SweepConclusion.pm;

/**
 * A sweep's {@code summary.json}, plots ({@code plots/}, PNG and SVG) and {@code report.html}, drawn only from its
 * results: the numbers are {@link SweepSummary#measure}'s, the sentences {@link SweepConclusion}'s, the figures
 * {@link SweepPlots}'.
 *
 * <pre>{@code
 * Path html = SweepReport.write(dir, results);
 * SweepReport.printTable(System.out, results);
 * }</pre>
 */
public final class SweepReport {
    private SweepReport() {
    }

    /** The summary with its conclusion: every number, and the sentences computed from them. */
    public static SweepSummary summarize(SweepResults results) {
        SweepSummary measured = SweepSummary.measure(results);
        return measured.withConclusion(SweepConclusion.of(measured));
    }

    /** Writes {@code summary.json}, {@code plots/} and {@code report.html} into {@code dir}; returns the report's path. */
    public static Path write(Path dir, SweepResults results) throws IOException {
        SweepSummary summary = summarize(results);
        summary.write(dir.resolve(Report.SUMMARY));
        List<Plots.Figure> figures = SweepPlots.render(dir.resolve(Report.PLOTS), results, summary);
        Path html = dir.resolve(Report.HTML);
        AtomicFiles.write(html, SweepHtml.page(dir, results, summary, figures));
        return html;
    }

    /** The terminal table: per problem and optimizer the chosen configuration and its re-run statistics. */
    public static void printTable(PrintStream out, SweepResults results) {
        SweepSummary s = summarize(results);
        String format = "%-16s %-12s %10s %20s %20s %18s %7s %9s%n";
        out.printf(Locale.ROOT, format, "problem", "optimizer", "chosen lr", "validation", "test", "steps to target",
                "trials", "CPU s");
        for (Result r : s.results()) {
            String metric = r.metric().equals("accuracy") ? "acc " : "loss ";
            out.printf(Locale.ROOT, format, clip(r.problem(), 16), clip(r.optimizer(), 12),
                    r.chosen() == null ? "diverged" : SweepConclusion.lr(r.chosen().lr()),
                    r.tuned().seeds() == 0 ? "–" : metric + pm(r.validationStats(r.tuned()), 4),
                    r.tuned().seeds() == 0 ? "–" : metric + pm(r.testStats(r.tuned()), 4),
                    r.tuned().seeds() == 0 ? "–" : SweepHtml.toTarget(r.tuned()),
                    r.cost().trials(), Report.number(r.cost().cpuSeconds(), 1));
        }
        out.println();
        out.println(s.conclusion());
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
