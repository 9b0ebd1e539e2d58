package dev.descent.report;

import dev.descent.plot.Canvas;
import dev.descent.plot.Envelope;
import dev.descent.plot.LineChart;
import dev.descent.plot.LineChart.Series;
import dev.descent.plot.Palette;
import dev.descent.stats.Ema;
import dev.descent.stats.SeriesStats;
import dev.descent.study.RunResult;
import dev.descent.study.StudySpec;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study's figures, drawn from run results only: training loss vs step (raw faint, EMA-smoothed bold),
 * the same vs wall time, test accuracy vs step, and learning rate vs step when any schedule varies. With
 * several seeds each curve is the mean over seeds with a min–max band. One colour per configuration in
 * every figure.
 */
final class Plots {
    /** Up to this many steps the raw loss is drawn as faint lines; past it, as a min–max envelope. */
    static final int RAW_LINES_UP_TO = 2000;
    /** At most this many buckets in a raw-loss envelope: about two pixels each at the default chart width. */
    static final int ENVELOPE_BUCKETS = 400;
    /**
     * The loss plots' y range: from the lowest smoothed value (where curves are compared) to TensorBoard's 95th
     * percentile plus a fifth of the span ({@link LineChart.Builder#yIgnoreOutliers}), so the first steps' fall does
     * not squeeze the curves into one band.
     */
    static final double LOSS_Q_LO = 0, LOSS_Q_HI = 0.95;

    /** One figure written as {@code png} and {@code svg}. */
    record Figure(String id, String title, String caption, Path png, Path svg) {
    }

    private Plots() {
    }

    static List<Figure> render(Path dir, List<RunResult> results, StudySpec spec, double smoothing) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<RunResult>> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
        int seeds = byName.values().stream().mapToInt(List::size).max().orElse(1);
        String what = spec != null ? spec.model() + " on " + spec.dataset() + ", batch " + spec.batch() : "study";
        String spread = seeds > 1 ? "; lines are means over " + seeds + " seeds, bands span min to max" : "";
        List<Figure> figures = new ArrayList<>();

        LineChart.Builder loss = LineChart.builder().title("Training loss, " + what).xLabel("step").yLabel("training loss (log scale)").yLog();
        LineChart.Builder time = LineChart.builder().title("Training loss vs wall time, " + what).xLabel("training time (s)")
                .yLabel("training loss, " + LineChart.emaLabel(smoothing) + " (log scale)").yLog();
        LineChart.Builder acc = LineChart.builder().title("Test accuracy, " + what).xLabel("step").yLabel("test accuracy");
        LineChart.Builder lr = LineChart.builder().title("Learning rate, " + what).xLabel("step").yLabel("learning rate (log scale)").yLog();
        int longest = 0;
        boolean anyVaries = false;
        boolean anyAccuracy = false;
        int i = 0;
        for (var e : byName.entrySet()) {
            Color color = Palette.color(i++);
            String name = e.getKey();
            List<RunResult> runs = e.getValue();
            List<double[]> raw = new ArrayList<>(), smooth = new ArrayList<>(), secs = new ArrayList<>(), rates = new ArrayList<>();
            for (RunResult r : runs) {
                double[] l = r.rows().stream().mapToDouble(RunResult.Row::loss).toArray();
                raw.add(l);
                smooth.add(Ema.debiased(l, smoothing));
                secs.add(r.rows().stream().mapToDouble(RunResult.Row::seconds).toArray());
                rates.add(r.rows().stream().mapToDouble(RunResult.Row::lr).toArray());
            }
            SeriesStats rawS = SeriesStats.of(raw), smoothS = SeriesStats.of(smooth), secS = SeriesStats.of(secs);
            double[] steps = steps(rawS.length());
            longest = Math.max(longest, steps.length);
            String label = name + " (" + LineChart.emaLabel(smoothing) + ")";
            loss.add(raw(steps, rawS.mean(), color));
            Series main = Series.of(label, steps, smoothS.mean()).color(color).width(2.2);
            loss.add(runs.size() > 1 ? main.band(smoothS.min(), smoothS.max()) : main);
            time.add(Series.of(name, secS.mean(), smoothS.mean()).color(color).width(2.2));

            List<double[]> accRuns = new ArrayList<>();
            double[] evalSteps = null;
            for (RunResult r : runs) {
                List<RunResult.Row> evals = r.rows().stream().filter(row -> !Double.isNaN(row.testAccuracy())).toList();
                double[] a = evals.stream().mapToDouble(RunResult.Row::testAccuracy).toArray();
                if (evalSteps == null || a.length > evalSteps.length) {
                    evalSteps = evals.stream().mapToDouble(RunResult.Row::step).toArray();
                }
                accRuns.add(a);
            }
            if (evalSteps != null && evalSteps.length > 0) {
                anyAccuracy = true;
                SeriesStats accS = SeriesStats.of(accRuns);
                Series s = Series.of(name, evalSteps, accS.mean()).color(color).width(2.2).marker(Canvas.Marker.CIRCLE);
                acc.add(runs.size() > 1 ? s.band(accS.min(), accS.max()) : s);
            }
            double[] rate = rates.get(0);
            for (double v : rate) {
                anyVaries |= v != rate[0];
            }
            lr.add(Series.of(name, steps(rate.length), rate).color(color).width(2.2));
        }
        figures.add(write(dir, "loss", loss.yIgnoreFirst(5).yIgnoreOutliers(LOSS_Q_LO, LOSS_Q_HI).build(),
                "Training loss vs step", "Training loss of every step: bold lines smoothed (" + LineChart.emaLabel(smoothing)
                        + ", bias-corrected exponential moving average), " + rawCaption(longest) + spread
                        + ". The y axis follows the smoothed curves; raw values beyond it are cut at the frame."));
        figures.add(write(dir, "loss_vs_time", time.yIgnoreFirst(5).yIgnoreOutliers(LOSS_Q_LO, LOSS_Q_HI).build(), "Training loss vs wall time",
                "Smoothed training loss against training time (evaluation excluded)" + spread + "."));
        if (anyAccuracy) {
            figures.add(write(dir, "accuracy", acc.build(), "Test accuracy vs step",
                    "Test accuracy at each evaluation (intermediate evaluations may use a subset of the test set; the last uses all of it)" + spread + "."));
        }
        if (anyVaries) {
            figures.add(write(dir, "learning_rate", lr.build(), "Learning rate vs step", "Learning rate of every step, from each configuration's schedule."));
        }
        return figures;
    }

    /**
     * The raw loss behind the smoothed one, as context (it never sets the y range): faint lines for short runs, past
     * {@link #RAW_LINES_UP_TO} steps a min–max {@link Envelope} of at most {@link #ENVELOPE_BUCKETS} buckets, since
     * thousands of crossing faint lines fill the chart.
     */
    static Series raw(double[] steps, double[] loss, Color color) {
        if (loss.length <= RAW_LINES_UP_TO) {
            return Series.of(null, steps, loss).color(color).width(1).alpha(0.22).asContext();
        }
        return Series.envelope(Envelope.of(steps, loss, Envelope.bucketSize(loss.length, ENVELOPE_BUCKETS))).color(color);
    }

    private static String rawCaption(int steps) {
        return steps <= RAW_LINES_UP_TO ? "faint lines the raw loss"
                : "faint bands the raw loss's range (min to max) over every " + Envelope.bucketSize(steps, ENVELOPE_BUCKETS) + " steps";
    }

    private static double[] steps(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static Figure write(Path dir, String id, LineChart chart, String title, String caption) throws IOException {
        Path png = dir.resolve(id + ".png"), svg = dir.resolve(id + ".svg");
        chart.writePng(png);
        chart.writeSvg(svg);
        return new Figure(id, title, caption, png, svg);
    }
}
