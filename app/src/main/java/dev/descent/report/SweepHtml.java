package dev.descent.report;

import dev.descent.problem.Problem;
import dev.descent.stats.SampleStats;
import dev.descent.sweep.SweepResults;
import dev.descent.sweep.SweepSummary;
import dev.descent.sweep.SweepSummary.OptimizerEntry;
import dev.descent.sweep.SweepSummary.ProblemEntry;
import dev.descent.sweep.SweepSummary.Result;
import dev.descent.sweep.SweepSummary.Runs;
import dev.descent.sweep.SweepSummary.Sensitivity;
import dev.descent.sweep.TrialRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import static dev.descent.report.Report.escape;
import static dev.descent.report.Report.number;
import static dev.descent.report.SweepConclusion.pm;

/**
 * The sweep's report page: self-contained like the study's ({@link Interactive} charts of the re-runs and scatters of
 * the trials, static plots inlined as data URIs, no network).
 */
final class SweepHtml {
    private SweepHtml() {
    }

    static String page(Path dir, SweepResults results, SweepSummary s, List<Plots.Figure> figures) throws IOException {
        String title = "descent sweep: " + s.sweep();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(escape(title)).append("</title>\n");
        h.append(Interactive.head());
        h.append("<style>\n")
                .append("body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\n")
                .append("h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}\n")
                .append(".conclusion{font-size:1.05em;background:#f3f7fb;border-left:4px solid #3b7dd8;padding:.2em 1em}\n")
                .append("table{border-collapse:collapse;margin:.5em 0}th,td{padding:.35em .8em;border-bottom:1px solid #e3e3e3;text-align:right}\n")
                .append("th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}th{background:#fafafa}\n")
                .append("td.text{text-align:left;font-family:monospace;font-size:.9em}\n")
                .append("figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}figcaption{color:#555;font-size:.9em}\n")
                .append("pre{background:#f7f7f7;padding:.8em;overflow-x:auto;font-size:.85em}\n")
                .append("</style></head><body>\n");
        h.append("<h1>").append(escape(title)).append("</h1>\n");
        if (!s.description().isEmpty()) {
            h.append("<p>").append(escape(s.description())).append("</p>\n");
        }
        h.append("<div class=\"conclusion\" id=\"conclusion\">\n");
        for (String para : s.conclusion().split("\n\n")) {
            h.append("<p>").append(escape(para)).append("</p>\n");
        }
        h.append("</div>\n");

        h.append("<h2>Tuned results</h2>\n<table id=\"results\"><thead><tr><th>problem</th><th>optimizer</th><th>chosen lr</th>")
                .append("<th>chosen point</th><th>validation accuracy</th><th>test accuracy</th><th>test loss</th>")
                .append("<th>steps to target (reached)</th><th>diverged</th></tr></thead><tbody>\n");
        for (Result r : s.results()) {
            h.append("<tr><td>").append(escape(r.problem())).append("</td><td>").append(escape(r.optimizer())).append("</td>");
            if (r.chosen() == null) {
                h.append("<td>–</td><td class=\"text\">").append(r.cost().trials() == 0 ? "no trials" : "every trial diverged").append("</td>");
            } else {
                h.append("<td>").append(SweepConclusion.lr(r.chosen().lr())).append("</td><td class=\"text\">")
                        .append(escape(r.chosen().point())).append("<br>").append(escape(r.chosen().spec()))
                        .append(r.chosen().schedule() == null ? "" : "<br>" + escape(r.chosen().schedule())).append("</td>");
            }
            runCells(h, r.tuned());
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n<p>Re-runs of each chosen configuration over the seeds ").append(s.settings().seeds())
                .append(": mean ± sample standard deviation. Steps to target: the mean over the seeds that reached the problem's "
                        + "target (how many of how many in brackets).</p>\n");

        if (s.results().stream().anyMatch(r -> r.untuned() != null)) {
            h.append("<h2>Untuned, at the common learning rate ").append(SweepConclusion.lr(s.settings().commonLr())).append("</h2>\n")
                    .append("<table id=\"untuned\"><thead><tr><th>problem</th><th>optimizer</th><th>validation accuracy</th>")
                    .append("<th>test accuracy</th><th>test loss</th><th>steps to target (reached)</th><th>diverged</th></tr></thead><tbody>\n");
            for (Result r : s.results()) {
                if (r.untuned() != null) {
                    h.append("<tr><td>").append(escape(r.problem())).append("</td><td>").append(escape(r.optimizer())).append("</td>");
                    runCells(h, r.untuned());
                    h.append("</tr>\n");
                }
            }
            h.append("</tbody></table>\n<p>Every optimizer with its base configuration at one learning rate, as the article compared them.</p>\n");
        } else {
            h.append("<p>No untuned comparison: the sweep sets no common learning rate.</p>\n");
        }

        h.append("<h2>Tuning cost and sensitivity</h2>\n<table id=\"cost\"><thead><tr><th>problem</th><th>optimizer</th><th>trials</th>")
                .append("<th>rungs</th><th>steps</th><th>CPU seconds</th><th>diverged trials</th><th>good learning rates</th>")
                .append("<th>width</th></tr></thead><tbody>\n");
        for (Result r : s.results()) {
            Sensitivity se = r.sensitivity();
            h.append("<tr><td>").append(escape(r.problem())).append("</td><td>").append(escape(r.optimizer())).append("</td><td>")
                    .append(r.cost().trials()).append("</td><td>").append(r.cost().rungs()).append("</td><td>").append(r.cost().steps())
                    .append("</td><td>").append(number(r.cost().cpuSeconds(), 1)).append("</td><td>").append(r.cost().diverged())
                    .append("</td><td>").append(Double.isFinite(se.lrLow()) ? SweepConclusion.lr(se.lrLow()) + " … " + SweepConclusion.lr(se.lrHigh()) : "–")
                    .append("</td><td>").append(Double.isFinite(se.decades()) ? SweepConclusion.decades(se.decades()) : "–").append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<p>Steps: each trial's steps at the largest budget it reached (a promoted trial continues from its "
                + "checkpoint). Good learning rates: those whose trials are within ").append(number(SweepSummary.ACCURACY_TOLERANCE, 2))
                .append(" of the best validation accuracy (within ").append(Math.round(100 * SweepSummary.LOSS_TOLERANCE))
                .append("% of the best validation loss), compared on the first rung, where every trial ran the same budget; the width is "
                        + "log10 of the largest over the smallest, in decades. The narrower, the more sensitive.</p>\n");

        h.append(Interactive.body(Interactive.Data.sweep(results)));
        h.append("<h2>Plots</h2>\n");
        for (Plots.Figure f : figures) {
            h.append("<figure id=\"").append(escape(f.id())).append("\"><img alt=\"").append(escape(f.title())).append("\" src=\"")
                    .append(Report.dataUri(f.png(), "image/png")).append("\">\n<figcaption>").append(escape(f.caption()))
                    .append(" (<a href=\"").append(escape(dir.relativize(f.svg()).toString().replace('\\', '/'))).append("\">SVG</a>)</figcaption></figure>\n");
        }

        h.append("<h2>Search space and tuning settings</h2>\n<table id=\"settings\"><tbody>\n");
        row(h, "sampler", s.settings().sampler());
        row(h, "early stopping", s.settings().earlyStopping());
        for (Problem p : results.spec().problems()) {
            String rungs = rungs(results, p.name());
            if (!rungs.isEmpty()) {
                row(h, "rungs on " + p.name(), rungs);
            }
        }
        row(h, "selection metric", "validation " + s.settings().metric());
        row(h, "seeds", s.settings().seeds() + " (the tuning trials use " + s.settings().seeds().get(0) + ")");
        row(h, "common learning rate", Double.isFinite(s.settings().commonLr()) ? SweepConclusion.lr(s.settings().commonLr()) : "none");
        row(h, "divergence", s.settings().divergence().equals("off") ? "non-finite loss only"
                : "non-finite loss, or above " + s.settings().divergence() + " × the initial loss");
        row(h, "smoothing", "EMA " + s.settings().smoothing());
        h.append("</tbody></table>\n");
        h.append("<table id=\"optimizers\"><thead><tr><th>optimizer</th><th>base</th><th>lr</th><th>schedule</th><th>search space</th></tr></thead><tbody>\n");
        for (OptimizerEntry o : s.optimizers()) {
            h.append("<tr><td>").append(escape(o.name())).append("</td><td class=\"text\">").append(escape(o.spec())).append("</td><td>")
                    .append(SweepConclusion.lr(o.lr())).append("</td><td class=\"text\">").append(o.schedule() == null ? "constant" : escape(o.schedule()))
                    .append("</td><td class=\"text\">").append(escape(o.search())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        h.append("<table id=\"problems\"><thead><tr><th>problem</th><th>dataset</th><th>model</th><th>batch</th><th>steps</th>")
                .append("<th>eval every</th><th>validation</th><th>target</th></tr></thead><tbody>\n");
        for (ProblemEntry p : s.problems()) {
            h.append("<tr><td>").append(escape(p.name())).append("</td><td>").append(p.dataset() == null ? "synthetic" : escape(p.dataset()))
                    .append("</td><td>").append(escape(p.model())).append("</td><td>").append(p.batch()).append("</td><td>").append(p.steps())
                    .append("</td><td>").append(p.evalEvery()).append("</td><td>").append(escape(p.validation())).append("</td><td>")
                    .append(escape(p.targetMetric())).append(' ').append(number(p.target(), 4)).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");

        h.append("<h2>How the numbers are read</h2>\n<ul id=\"rules\">\n")
                .append("<li><b>Choice.</b> Of each optimizer's trials on a problem, the best validation metric at the last rung "
                        + "(with successive halving: the trials that reached the full budget; without early stopping: every trial). "
                        + "Diverged trials are never chosen; equal metrics go to the smaller learning rate. If every trial at the last "
                        + "rung diverged, the rung before decides.</li>\n")
                .append("<li><b>Winner.</b> The best mean test metric over the re-run seeds (accuracy; loss on a problem without "
                        + "accuracy): the validation set chose the configuration, the test set judges it.</li>\n")
                .append("<li><b>Lead versus seed spread.</b> A lead exceeds the spread when the gap between the two best means is "
                        + "larger than the larger of their two sample standard deviations; otherwise the order may be chance.</li>\n")
                .append("<li><b>Sensitivity.</b> The width in decades of the learning rates whose trials are within the tolerance of "
                        + "the best (see above), on the first rung.</li>\n")
                .append("<li><b>Performance profile.</b> An optimizer's time on a problem is its mean steps to the target over the "
                        + "seeds that reached it, counted only when more than half did; ρ(τ) is the fraction of problems where that "
                        + "time is within τ times the fastest optimizer's.</li>\n</ul>\n");
        h.append(String.format(Locale.ROOT, "<p style=\"color:#888\">Generated by descent from the sweep's trials and re-runs (%d trial records, %d re-runs).</p>\n",
                results.trials().size(), results.reruns().size()));
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void runCells(StringBuilder h, Runs r) {
        if (r.seeds() == 0) {
            h.append("<td>–</td><td>–</td><td>–</td><td>not run</td><td>–</td>");
            return;
        }
        h.append("<td>").append(pm(r.validationAccuracy(), 4)).append("</td><td>").append(pm(r.testAccuracy(), 4))
                .append("</td><td>").append(pm(r.testLoss(), 4)).append("</td><td>").append(toTarget(r))
                .append("</td><td>").append(r.diverged()).append(" of ").append(r.seeds()).append("</td>");
    }

    static String toTarget(Runs r) {
        SampleStats st = r.stepsToTarget();
        return (st.n() == 0 ? "never" : pm(st, 0)) + " (" + r.reached() + "/" + r.seeds() + ")";
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><td>").append(escape(key)).append("</td><td class=\"text\">").append(escape(value)).append("</td></tr>\n");
    }

    /** The rung budgets seen in a problem's trials, e.g. {@code 37, 111, 333, 1000 steps}; empty with one rung. */
    private static String rungs(SweepResults results, String problem) {
        TreeMap<Integer, Long> budget = new TreeMap<>();
        for (TrialRecord t : results.trials()) {
            if (t.problem().equals(problem)) {
                budget.merge(t.rung(), t.steps(), Math::max);
            }
        }
        if (budget.size() < 2) {
            return "";
        }
        return String.join(", ", budget.values().stream().map(String::valueOf).toList()) + " steps";
    }
}
