package dev.descent.report;

import dev.descent.plot.Canvas;
import dev.descent.plot.LineChart;
import dev.descent.plot.LineChart.Series;
import dev.descent.plot.Palette;
import dev.descent.problem.Problem;
import dev.descent.search.Goal;
import dev.descent.search.Metric;
import dev.descent.stats.Ema;
import dev.descent.stats.SeriesStats;
import dev.descent.study.RunResult;
import dev.descent.sweep.RerunRecord;
import dev.descent.sweep.SweepOptimizer;
import dev.descent.sweep.SweepResults;
import dev.descent.sweep.SweepSummary;
import dev.descent.sweep.TrialRecord;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sweep's figures, drawn from its results and summary only; one colour per optimizer in every figure.
 * <ul>
 *   <li>{@code sensitivity_P}: per problem, the tuning metric against the learning rate (log), DeepOBS's figure: every
 *       trial at the largest budget it reached (filled: the full budget; hollow: stopped early by successive halving;
 *       a cross at the worst edge: diverged), a line through the best metric per learning rate, a star at the chosen
 *       configuration.</li>
 *   <li>{@code loss_P} and {@code validation_P}: the tuned re-runs' smoothed training loss and validation metric, the
 *       mean over seeds with a min–max band, and the target.</li>
 *   <li>{@code profile}: the performance profile, with two or more problems.</li>
 * </ul>
 */
final class SweepPlots {
    private static final Color KEY = new Color(0x777777);

    private SweepPlots() {
    }

    static List<Plots.Figure> render(Path dir, SweepResults results, SweepSummary summary) throws IOException {
        Files.createDirectories(dir);
        List<Plots.Figure> figures = new ArrayList<>();
        for (Problem p : results.spec().problems()) {
            LineChart s = sensitivity(results, p);
            if (s != null) {
                figures.add(write(dir, "sensitivity_" + p.name(), s, "Learning-rate sensitivity on " + p.name(),
                        "Validation " + metricName(results, p) + " of every tuning trial on " + p.name()
                                + " against its learning rate, at the largest budget the trial reached: filled circles ran the full budget"
                                + (results.spec().tuning().earlyStopping() != null ? ", hollow circles were stopped early by successive halving" : "")
                                + ", crosses at the " + (SweepSummary.rankedBy(p, results.spec().tuning().metric()).goal() == Goal.MAXIMIZE
                                ? "bottom" : "top") + " edge diverged. Lines join the best trial at each learning rate"
                                + " (over the other searched keys, if any); the star is the chosen configuration."));
            }
            List<LineChart> curves = curves(results, summary, p);
            if (!curves.isEmpty()) {
                int seeds = results.spec().tuning().seeds().size();
                String band = seeds > 1 ? " Lines are means over " + seeds + " seeds; bands span min to max." : "";
                figures.add(write(dir, "loss_" + p.name(), curves.get(0), "Tuned training loss on " + p.name(),
                        "Training loss of the chosen configurations' re-runs on " + p.name() + ", smoothed ("
                                + LineChart.emaLabel(results.spec().smoothing()) + ", bias-corrected exponential moving average)." + band));
                figures.add(write(dir, "validation_" + p.name(), curves.get(1), "Tuned validation " + metricName(results, p) + " on " + p.name(),
                        "Validation " + metricName(results, p) + " of the re-runs at each evaluation; the dashed line is the target ("
                                + p.targetMetric().display() + " " + Report.number(p.target(), 4) + ")." + band));
            }
        }
        if (summary.problems().size() >= 2) {
            figures.add(write(dir, "profile", profile(summary), "Performance profile",
                    "For each τ ≥ 1, the fraction of problems on which an optimizer's mean steps to the target are within τ times "
                            + "the fastest optimizer's (AlgoPerf's performance profile); an optimizer that did not reach the target on "
                            + "more than half of its seeds never counts for that problem. Lines are offset by less than 0.02 so that coinciding "
                            + "ones stay visible."));
        }
        return figures;
    }

    private static String metricName(SweepResults r, Problem p) {
        return SweepSummary.rankedBy(p, r.spec().tuning().metric()).display();
    }

    // ---------------------------------------------------------------- sensitivity

    /** The sensitivity figure of one problem, or null when no optimizer searches the learning rate. */
    static LineChart sensitivity(SweepResults results, Problem p) {
        Metric metric = results.spec().tuning().metric();
        Metric.Kind kind = SweepSummary.rankedBy(p, metric);
        boolean log = kind == Metric.Kind.LOSS;
        Goal goal = kind.goal();
        List<double[]> finite = new ArrayList<>();   // {lr, metric} of every plotted finite trial, for the range
        record Trials(SweepOptimizer optimizer, Color color, List<TrialRecord> last, int lastRung, TrialRecord chosen) {
        }
        List<Trials> per = new ArrayList<>();
        int i = 0;
        for (SweepOptimizer o : results.spec().optimizers()) {
            Color color = Palette.color(i++);
            List<TrialRecord> all = results.trials().stream()
                    .filter(t -> t.problem().equals(p.name()) && t.optimizer().equals(o.name()) && Double.isFinite(t.lr())).toList();
            if (all.isEmpty()) {
                continue;
            }
            List<TrialRecord> last = new ArrayList<>(SweepSummary.lastRecords(all).values());
            last.stream().filter(t -> Double.isFinite(t.metric()) && (!log || t.metric() > 0)).forEach(t -> finite.add(new double[] {t.lr(), t.metric()}));
            per.add(new Trials(o, color, last, all.stream().mapToInt(TrialRecord::rung).max().orElse(0),
                    SweepSummary.choose(all, goal).orElse(null)));
        }
        if (per.isEmpty()) {
            return null;
        }
        // the y range of the finite metrics, with a strip below (above, for a loss) for the diverged trials
        double lo = finite.stream().mapToDouble(v -> log ? Math.log10(v[1]) : v[1]).min().orElse(0);
        double hi = finite.stream().mapToDouble(v -> log ? Math.log10(v[1]) : v[1]).max().orElse(1);
        double pad = hi > lo ? 0.06 * (hi - lo) : (log ? 0.1 : Math.max(0.01, Math.abs(hi) * 0.05));
        // each optimizer's diverged trials on a row of their own in the strip, so crosses at one learning rate do not hide each other
        double[] worst = new double[per.size()];
        if (goal == Goal.MAXIMIZE) {
            lo -= 3 * pad;
            hi += pad;
        } else {
            lo -= pad;
            hi += 3 * pad;
        }
        for (int k = 0; k < per.size(); k++) {
            double row = 0.6 + 1.8 * k / Math.max(1, per.size() - 1);
            worst[k] = goal == Goal.MAXIMIZE ? lo + row * pad : hi - row * pad;
        }
        double yLo = log ? Math.pow(10, lo) : lo, yHi = log ? Math.pow(10, hi) : hi;
        double lrLo = per.stream().flatMap(t -> t.last().stream()).mapToDouble(TrialRecord::lr).min().orElse(1e-3);
        double lrHi = per.stream().flatMap(t -> t.last().stream()).mapToDouble(TrialRecord::lr).max().orElse(1);
        double xPad = Math.pow(10, Math.max(0.1, 0.04 * Math.log10(lrHi / lrLo)));

        LineChart.Builder b = LineChart.builder().title("Learning-rate sensitivity on " + p.name())
                .xLabel("learning rate (log scale)")
                .yLabel("validation " + kind.display() + (metric.at() == Metric.At.BEST ? " (best evaluation)" : "")
                        + (log ? " (log scale)" : ""))
                .xLog().xRange(lrLo / xPad, lrHi * xPad).yRange(yLo, yHi);
        if (log) {
            b.yLog();
        }
        boolean anyEarly = false, anyDiverged = false;
        for (int k = 0; k < per.size(); k++) {
            Trials t = per.get(k);
            double yWorst = log ? Math.pow(10, worst[k]) : worst[k];
            Map<Double, Double> bestByLr = new TreeMap<>();
            List<double[]> full = new ArrayList<>(), early = new ArrayList<>(), diverged = new ArrayList<>();
            for (TrialRecord r : t.last()) {
                boolean ok = Double.isFinite(r.metric());
                bestByLr.merge(r.lr(), ok ? r.metric() : Double.NaN, (a, c) -> Double.isNaN(a) ? c : Double.isNaN(c) ? a
                        : goal.compare(a, c) <= 0 ? a : c);
                if (!ok) {
                    diverged.add(new double[] {r.lr(), yWorst});
                } else if (r.rung() < t.lastRung()) {
                    early.add(new double[] {r.lr(), r.metric()});
                } else {
                    full.add(new double[] {r.lr(), r.metric()});
                }
            }
            double[] xs = bestByLr.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] ys = bestByLr.values().stream().mapToDouble(Double::doubleValue).toArray();
            b.add(Series.of(t.optimizer().name(), xs, ys).color(t.color()).width(1.8));
            if (!full.isEmpty()) {
                b.add(points(null, full, t.color()));
            }
            if (!early.isEmpty()) {
                anyEarly = true;
                b.add(points(null, early, t.color()).hollow());
            }
            if (!diverged.isEmpty()) {
                anyDiverged = true;
                b.add(points(null, diverged, t.color()).marker(Canvas.Marker.CROSS).width(2.4));
            }
            if (t.chosen() != null) {
                b.add(points(null, List.of(new double[] {t.chosen().lr(), t.chosen().metric()}), t.color())
                        .marker(Canvas.Marker.STAR).width(3.5));
            }
        }
        // the key to the markers, in grey, legend only
        b.add(points("full budget", List.of(), KEY));
        if (anyEarly) {
            b.add(points("stopped early", List.of(), KEY).hollow());
        }
        if (anyDiverged) {
            b.add(points("diverged", List.of(), KEY).marker(Canvas.Marker.CROSS));
        }
        b.add(points("chosen", List.of(), KEY).marker(Canvas.Marker.STAR));
        return b.build();
    }

    private static Series points(String name, List<double[]> xy, Color color) {
        double[] x = xy.stream().mapToDouble(v -> v[0]).toArray(), y = xy.stream().mapToDouble(v -> v[1]).toArray();
        return Series.of(name, x, y).color(color).width(1.6).points();
    }

    // ---------------------------------------------------------------- tuned curves

    /** The smoothed training loss and the validation metric of the re-runs of one problem; empty without re-runs. */
    static List<LineChart> curves(SweepResults results, SweepSummary summary, Problem p) {
        Metric.Kind kind = SweepSummary.rankedBy(p, results.spec().tuning().metric());
        boolean accuracy = kind == Metric.Kind.ACCURACY;
        double smoothing = results.spec().smoothing();
        LineChart.Builder loss = LineChart.builder().title("Tuned training loss on " + p.name()).xLabel("step")
                .yLabel("training loss, " + LineChart.emaLabel(smoothing) + " (log scale)").yLog().yIgnoreFirst(5);
        LineChart.Builder val = LineChart.builder().title("Tuned validation " + kind.display() + " on " + p.name()).xLabel("step")
                .yLabel("validation " + kind.display() + (accuracy ? "" : " (log scale)"));
        if (!accuracy) {
            val.yLog();
        }
        boolean any = false;
        double lastStep = 1;
        int i = 0;
        for (SweepOptimizer o : results.spec().optimizers()) {
            Color color = Palette.color(i++);
            List<RerunRecord> runs = results.reruns().stream()
                    .filter(r -> !r.untuned() && r.problem().equals(p.name()) && r.optimizer().equals(o.name()) && !r.rows().isEmpty()).toList();
            if (runs.isEmpty()) {
                continue;
            }
            any = true;
            SweepSummary.Result res = summary.result(p.name(), o.name());
            String label = o.name() + (res != null && res.chosen() != null ? " (lr " + SweepConclusion.lr(res.chosen().lr()) + ")" : "");
            List<double[]> smooth = new ArrayList<>(), evals = new ArrayList<>();
            double[] steps = new double[0], evalSteps = new double[0];
            for (RerunRecord r : runs) {
                smooth.add(Ema.debiased(r.rows().stream().mapToDouble(RunResult.Row::loss).toArray(), smoothing));
                if (r.rows().size() > steps.length) {
                    steps = r.rows().stream().mapToDouble(RunResult.Row::step).toArray();
                }
                List<RunResult.Row> at = r.rows().stream().filter(row -> !Double.isNaN(accuracy ? row.testAccuracy() : row.testLoss())).toList();
                evals.add(at.stream().mapToDouble(row -> accuracy ? row.testAccuracy() : row.testLoss()).toArray());
                if (at.size() > evalSteps.length) {
                    evalSteps = at.stream().mapToDouble(RunResult.Row::step).toArray();
                }
            }
            lastStep = Math.max(lastStep, steps.length == 0 ? 1 : steps[steps.length - 1]);
            SeriesStats ls = SeriesStats.of(smooth), vs = SeriesStats.of(evals);
            Series l = Series.of(label, steps, ls.mean()).color(color).width(2.2);
            loss.add(runs.size() > 1 ? l.band(ls.min(), ls.max()) : l);
            if (evalSteps.length > 0) {
                Series v = Series.of(label, evalSteps, vs.mean()).color(color).width(2.2).marker(Canvas.Marker.CIRCLE);
                val.add(runs.size() > 1 ? v.band(vs.min(), vs.max()) : v);
            }
        }
        if (!any) {
            return List.of();
        }
        if (p.targetMetric() == kind && (accuracy || p.target() > 0)) {
            val.add(Series.of("target " + Report.number(p.target(), 4), new double[] {1, lastStep}, new double[] {p.target(), p.target()})
                    .color(KEY).width(1.2).dashed());
        }
        return List.of(loss.build(), val.build());
    }

    // ---------------------------------------------------------------- profile

    /** ρ(τ) of every optimizer as a step function of τ from 1 to a little past the largest finite ratio. */
    static LineChart profile(SweepSummary s) {
        SweepSummary.Profile prof = s.profile();
        double maxRatio = prof.rows().stream().flatMap(r -> r.ratios().stream()).filter(x -> x != null)
                .mapToDouble(Double::doubleValue).max().orElse(1);
        double tauMax = Math.max(2, 1.1 * maxRatio);
        LineChart.Builder b = LineChart.builder().title("Performance profile over " + prof.problems().size() + " problems")
                .xLabel("τ (steps to the target / the fastest optimizer's)").yLabel("fraction of problems")
                .xRange(1, tauMax).yRange(-0.03, 1.03);
        int i = 0;
        for (SweepSummary.ProfileRow row : prof.rows()) {
            double[][] xy = steps(prof, row.optimizer(), row.ratios(), tauMax);
            // coinciding profiles would hide each other: each is lifted by its own small offset
            double lift = 0.008 * (i - (prof.rows().size() - 1) / 2.0);
            double[] y = java.util.Arrays.stream(xy[1]).map(v -> v + lift).toArray();
            Series line = Series.of(row.optimizer(), xy[0], y).color(Palette.color(i)).width(2.4);
            b.add(i % 2 == 1 ? line.dashed() : line);   // dashes keep coinciding profiles apart
            i++;
        }
        return b.build();
    }

    /** The step function's corners: flat between the sorted ratios, rising at each. */
    static double[][] steps(SweepSummary.Profile prof, String optimizer, List<Double> ratios, double tauMax) {
        List<Double> breaks = ratios.stream().filter(x -> x != null && x > 1 && x <= tauMax).distinct().sorted().toList();
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {1, prof.fraction(optimizer, 1)});
        for (double r : breaks) {
            pts.add(new double[] {r, pts.get(pts.size() - 1)[1]});
            pts.add(new double[] {r, prof.fraction(optimizer, r)});
        }
        pts.add(new double[] {tauMax, prof.fraction(optimizer, tauMax)});
        return new double[][] {pts.stream().mapToDouble(v -> v[0]).toArray(), pts.stream().mapToDouble(v -> v[1]).toArray()};
    }

    private static Plots.Figure write(Path dir, String id, LineChart chart, String title, String caption) throws IOException {
        Path png = dir.resolve(id + ".png"), svg = dir.resolve(id + ".svg");
        chart.writePng(png);
        chart.writeSvg(svg);
        return new Plots.Figure(id, title, caption, png, svg);
    }
}
