package dev.descent.report;

import dev.descent.plot.LineChart;
import dev.descent.problem.Problem;
import dev.descent.problem.Problems;
import dev.descent.search.Metric;
import dev.descent.search.Sampler;
import dev.descent.search.SearchSpace;
import dev.descent.study.RunResult;
import dev.descent.study.RunSpec;
import dev.descent.sweep.RerunRecord;
import dev.descent.sweep.SweepOptimizer;
import dev.descent.sweep.SweepResults;
import dev.descent.sweep.SweepSpec;
import dev.descent.sweep.TrialRecord;
import dev.descent.sweep.Tuning;
import dev.descent.train.Divergence;
import dev.descent.train.Evaluation;
import dev.descent.plot.Palette;
import dev.descent.sweep.SweepSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The files {@link SweepReport#write} makes from {@link SweepFixtureTest}'s sweep, and the terminal table. */
class SweepReportTest {

    @Test
    void write_makesSummaryPlotsAndASelfContainedPage(@TempDir Path dir) throws Exception {
        Path html = SweepReport.write(dir, SweepFixtureTest.results());
        assertEquals(dir.resolve("report.html"), html);
        SweepSummary back = SweepSummary.read(dir.resolve("summary.json"));
        assertEquals(SweepReport.summarize(SweepFixtureTest.results()).conclusion(), back.conclusion());

        List<String> ids = List.of("sensitivity_p1", "loss_p1", "validation_p1", "sensitivity_p2", "loss_p2", "validation_p2", "profile");
        for (String id : ids) {
            Path png = dir.resolve("plots/" + id + ".png"), svg = dir.resolve("plots/" + id + ".svg");
            assertTrue(Files.size(png) > 10_000, id + ".png is " + Files.size(png) + " bytes");
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(1000, image.getWidth());
            String text = Files.readString(svg);
            assertTrue(text.startsWith("<svg") || text.startsWith("<?xml"), id);
            assertTrue(text.contains(Palette.hex(Palette.color(0))) && text.contains(Palette.hex(Palette.color(1))),
                    id + " draws the first two optimizers' colours");
        }
        assertTrue(colours(ImageIO.read(dir.resolve("plots/sensitivity_p1.png").toFile())).containsAll(
                List.of(Palette.color(0).getRGB(), Palette.color(1).getRGB(), Palette.color(2).getRGB())), "one colour per optimizer");

        String page = Files.readString(html);
        Matcher src = Pattern.compile("\\bsrc=\"([^\"]*)\"").matcher(page);
        int images = 0;
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/png;base64,"), "inlined: " + src.group(1).substring(0, Math.min(40, src.group(1).length())));
            images++;
        }
        assertEquals(ids.size(), images);
        Matcher href = Pattern.compile("\\bhref=\"([^\"]*)\"").matcher(page);
        while (href.find()) {
            assertTrue(href.group(1).startsWith("plots/") && !href.group(1).contains("//"), "a local link only: " + href.group(1));
        }
        // self-contained: no script or stylesheet from elsewhere; the two inline scripts are the data and the charts
        assertFalse(page.contains("<link") || page.contains("@import") || Pattern.compile("<script[^>]*\\ssrc=").matcher(page).find(),
                "nothing loaded from elsewhere");
        assertEquals(List.of("<script type=\"application/json\" id=\"descent-data\">", "<script>"),
                Pattern.compile("<script[^>]*>").matcher(page).results().map(m -> m.group()).toList());
        assertTrue(page.contains("content=\"" + Interactive.CSP + "\""), "the page's own policy");
        assertTrue(page.contains("id=\"results\"") && page.contains("id=\"untuned\"") && page.contains("id=\"cost\"")
                && page.contains("id=\"settings\"") && page.contains("id=\"rules\""));
        assertTrue(page.contains("point(lr=0.1, momentum=0.9)"), "the chosen point");
        assertTrue(page.contains("space(lr=range(low=0.001, high=1, scale=log, points=4), momentum=[0.9, 0.99])"), "the search space");
        assertTrue(page.contains("30, 90 steps"), "p1's rung budgets");
        assertTrue(page.contains("0.9520 ± 0.0020"), "adam's test accuracy on p1");
        assertTrue(page.contains("75 ± 21 (2/3)"), "sgd's steps to target on p1");
        assertTrue(page.contains(Report.escape(back.conclusion().split("\n\n")[0])), "the conclusion");
        assertTrue(page.contains("every trial diverged"));
    }

    @Test
    void write_oneProblemWithoutUntunedRuns_hasNoProfileAndSaysSo(@TempDir Path dir) throws Exception {
        SweepReport.write(dir, SweepFixtureTest.results(false, false));
        assertFalse(Files.exists(dir.resolve("plots/profile.png")));
        assertTrue(Files.exists(dir.resolve("plots/sensitivity_p1.svg")));
        String page = Files.readString(dir.resolve("report.html"));
        assertTrue(page.contains("No untuned comparison"), "says there is no untuned comparison");
    }

    @Test
    void printTable_oneRowPerProblemAndOptimizer_thenTheConclusion() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SweepReport.printTable(new PrintStream(bytes, true, StandardCharsets.UTF_8), SweepFixtureTest.results());
        String out = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).startsWith("problem"), out);
        assertTrue(lines.get(1).matches("p1\\s+sgd\\s+0\\.1\\s+acc 0\\.9020 ± 0\\.0020\\s+acc 0\\.9120 ± 0\\.0020\\s+75 ± 21 \\(2/3\\)\\s+4\\s+5\\.3"), lines.get(1));
        assertTrue(lines.get(6).matches("p2\\s+momentum\\s+diverged\\s+–\\s+–\\s+–\\s+8\\s+0\\.8"), lines.get(6));
        assertTrue(out.contains("adam wins with test accuracy 0.9520"), out);
    }

    @Test
    void sensitivityPlot_drawsTrialsAsPoints_hollowWhenStoppedEarly_andTheChosenAsAStar() {
        LineChart chart = SweepPlots.sensitivity(SweepFixtureTest.results(), SweepFixtureTest.results().spec().problem("p1"));
        String svg = chart.toSvg();
        String sgd = Palette.hex(Palette.color(0));
        // sgd on p1: trials 0, 1 stopped early (hollow: white fill, sgd stroke), trial 2 at the full budget (filled), trial 3 diverged
        assertEquals(2, count(svg, "<circle[^>]*fill=\"#ffffff\"[^>]*stroke=\"" + sgd + "\""), svg.length() + " chars");
        assertTrue(count(svg, "<circle[^>]*fill=\"" + sgd + "\"") >= 1, "the full-budget trial");
        // sgd's one polyline: its line through the best per lr over lr .001, .01, .1 (lr 1 diverged: the line stops there);
        // the trials are points without lines
        assertEquals(1, count(svg, "<polyline[^>]*stroke=\"" + sgd + "\""));
    }

    /** A loss-ranked problem (the quadratic, no accuracy): losses are minimized, plotted on log axes, worded as losses. */
    @Test
    void write_aProblemWithoutAccuracy_ranksByLoss(@TempDir Path dir) throws Exception {
        Problem q = Problems.parse("quadratic-deep(steps=20, eval_every=10)");
        SweepSpec spec = new SweepSpec("quad", "", List.of(q), List.of(
                new SweepOptimizer(new RunSpec("sgd", "sgd", Map.of(), 0.01, null), SearchSpace.parse(SweepFixtureTest.SPACE)),
                new SweepOptimizer(new RunSpec("adam", "adam", Map.of(), 0.01, null), SearchSpace.parse(SweepFixtureTest.SPACE))),
                new Tuning(Sampler.grid(), null, Metric.FINAL_LOSS, List.of(1L, 2L), Double.NaN), Divergence.DEFAULT, 0.5);
        List<TrialRecord> trials = new ArrayList<>();
        double[][] loss = {{200, 120, 100, Double.NaN}, {150, 95, 104, 300}};   // sgd, adam at lr .001 … 1
        String[] names = {"sgd", "adam"};
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 4; i++) {
                double m = loss[o][i];
                trials.add(new TrialRecord(q.name(), names[o], i, 0, SweepFixtureTest.point(SweepFixtureTest.LRS[i]), 1, 20, m, Double.NaN, m,
                        Double.isNaN(m), Double.isNaN(m) ? 20 : -1, false, 1, 1));
            }
        }
        List<RerunRecord> reruns = new ArrayList<>();
        double[][] test = {{101, 103}, {96, 98}};
        for (int o = 0; o < 2; o++) {
            for (int s = 0; s < 2; s++) {
                List<RunResult.Row> rows = new ArrayList<>();
                for (int k = 1; k <= 20; k++) {
                    double l = 100 + 300 * Math.exp(-0.2 * k);
                    rows.add(new RunResult.Row(k, l, 0.1, 1, 0.01 * k, k % 10 == 0 ? l : Double.NaN, Double.NaN));
                }
                reruns.add(new RerunRecord(q.name(), names[o], s + 1, SweepFixtureTest.point(o == 0 ? 0.1 : 0.01), false, rows,
                        new Evaluation(20, test[o][s], Double.NaN, 1000), new Evaluation(20, test[o][s], Double.NaN, 1000), false, -1, 1,
                        -1, Double.NaN));
            }
        }
        SweepResults r = new SweepResults(spec, trials, reruns);
        SweepSummary s = SweepReport.summarize(r);
        assertEquals("loss", s.result(q.name(), "adam").metric());
        assertEquals(0.01, s.result(q.name(), "adam").chosen().lr(), "the smallest loss, 95");
        assertEquals(0.1, s.result(q.name(), "sgd").chosen().lr());
        // adam: best 95, good ≤ 104.5: lr .001? 150 no; .01 95 yes; .1 104 yes → 1 decade; sgd: best 100, good ≤ 110: lr .1 → 0
        assertEquals(1, s.result(q.name(), "adam").sensitivity().decades(), 1e-12);
        assertTrue(s.conclusion().startsWith("On quadratic-deep, each optimizer tuned, adam wins with test loss 97.0000 ± 1.4142 over 2 seeds, "
                + "ahead of sgd (102.0000 ± 1.4142 over 2 seeds); the lead (5.0000) exceeds the seed spread"), s.conclusion());
        assertTrue(s.conclusion().contains("The most sensitive to its learning rate is sgd: its trials are within 10% of its best validation loss "
                + "at a single learning rate only"), s.conclusion());
        SweepReport.write(dir, r);
        assertTrue(Files.size(dir.resolve("plots/sensitivity_quadratic-deep.png")) > 10_000);
        assertTrue(Files.readString(dir.resolve("plots/validation_quadratic-deep.svg")).contains("target 93"), "the target loss (Problems: quadratic-deep reaches 93)");
    }

    private static java.util.Set<Integer> colours(BufferedImage image) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                out.add(image.getRGB(x, y) | 0xFF000000);
            }
        }
        return out;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
