package dev.descent.plot;

import dev.descent.stats.Ema;
import dev.descent.stats.SeriesStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders one sample of every chart, as PNG and SVG. Into {@code $PLOT_SAMPLES} when set (for a person to
 * look at), otherwise into a temporary folder, where the test only checks the files are there.
 */
class SamplePicturesTest {

    static Path outDir(Path tmp) {
        String env = System.getenv("PLOT_SAMPLES");
        return env == null || env.isBlank() ? tmp : Path.of(env);
    }

    @Test
    void lossChart_rawAndSmoothed(@TempDir Path tmp) throws Exception {
        Path dir = outDir(tmp);
        int n = 1000;
        double[] x = Samples.steps(n);
        String[] names = {"sgd", "momentum", "rmsprop", "adam"};
        double[] rates = {0.002, 0.006, 0.01, 0.012};
        LineChart.Builder b = LineChart.builder().title("Training loss, MNIST CNN (batch 50)").xLabel("step")
                .yLabel("cross-entropy loss").yLog().yIgnoreFirst(5);
        for (int k = 0; k < names.length; k++) {
            b.smoothed(names[k], x, Samples.loss(n, rates[k], 0.05 + 0.02 * k, k), 0.9);
        }
        b.verticalLine(600, "lr × 0.1");
        LineChart chart = b.build();
        chart.writePng(dir.resolve("loss-smoothed.png"));
        chart.writeSvg(dir.resolve("loss-smoothed.svg"));
        assertTrue(Files.size(dir.resolve("loss-smoothed.svg")) < 400_000);
    }

    @Test
    void lossChart_seedBands(@TempDir Path tmp) throws Exception {
        Path dir = outDir(tmp);
        int n = 1000;
        double[] x = Samples.steps(n);
        String[] names = {"sgd", "momentum", "rmsprop", "adam"};
        double[] rates = {0.002, 0.006, 0.01, 0.012};
        LineChart.Builder b = LineChart.builder().title("Training loss, mean and min–max of 3 seeds")
                .xLabel("step").yLabel("loss (EMA 0.9)").yLog();
        for (int k = 0; k < names.length; k++) {
            List<double[]> runs = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                double[] y = Ema.debiased(Samples.loss(n, rates[k], 0.05 + 0.02 * k, 100 * k + s), 0.9);
                if (k == 2 && s == 2) {
                    y = Arrays.copyOf(y, 400); // a diverged run stops early
                }
                runs.add(y);
            }
            SeriesStats st = SeriesStats.of(runs);
            b.add(LineChart.Series.of(names[k], x, st.mean()).band(st.min(), st.max()));
        }
        LineChart chart = b.build();
        chart.writePng(dir.resolve("loss-bands.png"));
        chart.writeSvg(dir.resolve("loss-bands.svg"));
    }

    @Test
    void accuracyAndLearningRate(@TempDir Path tmp) throws Exception {
        Path dir = outDir(tmp);
        double[] x = new double[21];
        double[][] acc = new double[3][21];
        for (int i = 0; i < 21; i++) {
            x[i] = i * 50;
            for (int k = 0; k < 3; k++) {
                acc[k][i] = 0.1 + (0.8 + 0.04 * k) * (1 - Math.exp(-(i + 0.5) * (0.2 + 0.15 * k)));
            }
        }
        LineChart a = LineChart.builder().title("Test accuracy").xLabel("step").yLabel("accuracy")
                .add(LineChart.Series.of("sgd", x, acc[0]))
                .add(LineChart.Series.of("momentum", x, acc[1]).dashed())
                .add(LineChart.Series.of("adam", x, acc[2]).marker(Canvas.Marker.CIRCLE))
                .yRange(0, 1).build();
        a.writePng(dir.resolve("accuracy.png"));
        double[] lr = new double[1000];
        for (int i = 0; i < lr.length; i++) {
            lr[i] = i < 100 ? 1e-3 * (i + 1) / 100 : 1e-3 * 0.5 * (1 + Math.cos(Math.PI * (i - 100) / 900.0));
        }
        LineChart l = LineChart.builder().title("Learning rate: warm-up then cosine").xLabel("step")
                .yLabel("learning rate").size(800, 450).add(LineChart.Series.of("warmup + cosine", lr)).build();
        l.writePng(dir.resolve("learning-rate.png"));
    }

    @Test
    void rosenbrockContours_withPathsAndAnimation(@TempDir Path tmp) throws Exception {
        Path dir = outDir(tmp);
        ContourPlot.Builder b = ContourPlot.builder().title("Rosenbrock, 400 steps from (-1.5, 2)")
                .function(Samples::rosenbrock, -2, 2, -1, 3).colorbarLabel("f(x, y)");
        String[] names = {"gradient descent, lr 1e-3", "momentum 0.9, lr 2e-4", "adam, lr 0.05"};
        for (int k = 0; k < 3; k++) {
            double[][] p = Samples.rosenbrockPath(k, 400);
            b.trajectory(names[k], p[0], p[1]);
        }
        ContourPlot plot = b.start(-1.5, 2).minimum(1, 1).build();
        plot.writePng(dir.resolve("rosenbrock.png"));
        plot.writeSvg(dir.resolve("rosenbrock.svg"));
        PngCanvas frame = new PngCanvas(plot.width(), plot.height());
        plot.renderFrame(frame, 40);
        frame.write(dir.resolve("rosenbrock-frame40.png"));
        ContourPlot small = ContourPlot.builder().function(Samples::rosenbrock, -2, 2, -1, 3).size(560, 480)
                .trajectory("adam", Samples.rosenbrockPath(2, 400)[0], Samples.rosenbrockPath(2, 400)[1])
                .trajectory("momentum", Samples.rosenbrockPath(1, 400)[0], Samples.rosenbrockPath(1, 400)[1])
                .minimum(1, 1).build();
        small.writeGif(dir.resolve("rosenbrock.gif"), 40, 80);
        assertTrue(Files.size(dir.resolve("rosenbrock.gif")) > 1000);
    }

    @Test
    void circleLineContours(@TempDir Path tmp) throws Exception {
        Path dir = outDir(tmp);
        ContourPlot plot = ContourPlot.builder().title("x² + y², line contours only").filled(false)
                .function((x, y) -> x * x + y * y, -2, 2, -2, 2).levels(0.25, 0.5, 1, 2, 3).size(700, 620)
                .point(0, 0, Canvas.Marker.CROSS, Palette.color(1), "minimum").build();
        plot.writePng(dir.resolve("circle-lines.png"));
    }

    @Test
    void lossAgainstWallClock_logX_andLegendOutside(@TempDir Path tmp) throws Exception {
        Path dir = outDir(tmp);
        int n = 1000;
        LineChart.Builder b = LineChart.builder().title("Loss against wall-clock time").xLabel("seconds (log scale)")
                .yLabel("training loss (EMA 0.95)").xLog().legend(LegendPosition.OUTSIDE_RIGHT);
        String[] names = {"sgd", "adam", "adagrad", "rmsprop", "nadam", "adamw"};
        for (int k = 0; k < names.length; k++) {
            double[] secs = new double[n];
            for (int i = 0; i < n; i++) {
                secs[i] = 0.05 * (i + 1) * (1 + 0.3 * k);
            }
            double[] y = Ema.debiased(Samples.loss(n, 0.003 * (k + 1), 0.04 * (k + 1), 7 * k), 0.95);
            LineChart.Series s = LineChart.Series.of(names[k], secs, y);
            b.add(k >= 3 ? s.dashed() : s);
        }
        LineChart chart = b.build();
        chart.writePng(dir.resolve("loss-seconds.png"));
    }
}
