package dev.descent.study;

import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.report.Report;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A tiny study on real MNIST, end to end: files, consistency, resume, reproducibility. */
class StudyEndToEndTest {
    static Dataset.Split data;

    static final String TINY = """
            name: tiny
            model: logreg
            steps: 40
            batch: 20
            eval_every: 15
            eval_examples: 200
            seeds: [3, 4]
            loss_threshold: 1.0
            optimizers:
              - name: sgd
                optimizer: sgd
                lr: 0.1
              - name: adam
                optimizer: adam
                params: {convention: tensorflow}
                lr: 0.01
            """;

    @BeforeAll
    static void load() throws Exception {
        String dir = System.getenv("DESCENT_DATA");
        if ((dir == null || dir.isBlank()) && "true".equals(System.getenv("CI"))) {
            fail("DESCENT_DATA must be set on CI");
        }
        Assumptions.assumeTrue(dir != null && !dir.isBlank(), "DESCENT_DATA not set");
        Dataset.Split full = Datasets.standard().load("mnist", Path.of(dir), m -> { }, null);
        data = new Dataset.Split(full.train().head(2000), full.test().head(500));
    }

    static StudySpec tiny() {
        return StudyFile.parse(new StringReader(TINY), "tiny");
    }

    static List<RunResult> run(Path dir, StudySpec spec, boolean resume) throws Exception {
        try (ResultsFolder f = resume ? ResultsFolder.open(dir) : ResultsFolder.create(dir, spec)) {
            return new StudyRunner(spec, data, 2, new StudyRunner.Listener() { }).run(f);
        }
    }

    /** metrics.csv without the wall-time column, which differs between runs. */
    static List<String> withoutSeconds(Path metrics) throws Exception {
        return Files.readAllLines(metrics).stream().map(l -> {
            String[] f = l.split(",", -1);
            f[6] = "";
            return String.join(",", f);
        }).collect(Collectors.toList());
    }

    @Test
    void study_writesConsistentOutputs(@TempDir Path dir) throws Exception {
        List<RunResult> results = run(dir, tiny(), false);
        Report.write(dir, results, tiny(), 2);
        for (String f : List.of("study.yaml", "metrics.csv", "summary.json", "report.html")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(RunResult.CSV_HEADER, lines.get(0));
        assertEquals(1 + 2 * 2 * 40, lines.size(), "one row per optimizer x seed x step");
        // evaluations at 15, 30 and the last step, per run
        long evalRows = lines.stream().skip(1).filter(l -> !l.endsWith(",")).count();
        assertEquals(4 * 3, evalRows);
        String summary = Files.readString(dir.resolve("summary.json"));
        for (String key : List.of("\"runs\"", "\"aggregate\"", "\"test_accuracy\"", "\"final_loss\"", "\"diverged\"",
                "\"train_seconds\"", "\"environment\"", "\"cpu\"", "\"jvm\"", "\"config\"")) {
            assertTrue(summary.contains(key), key);
        }
        assertEquals(4, results.size());
        for (RunResult r : results) {
            assertEquals(40, r.rows().size());
            assertTrue(r.testAccuracy() > 0.5, r.name() + " accuracy " + r.testAccuracy());
        }
        // plots: valid PNG of the promised size and SVG with one curve per configuration (raw + smoothed for the loss)
        for (String plot : List.of("loss", "loss_vs_time", "accuracy")) {
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("plots/" + plot + ".png").toFile());
            assertTrue(png != null && png.getWidth() == 1000 && png.getHeight() == 600, plot + ".png");
            var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(dir.resolve("plots/" + plot + ".svg").toFile());
            int curves = doc.getElementsByTagName("polyline").getLength();
            int expected = plot.equals("loss") ? 4 : 2;
            assertTrue(curves >= expected, plot + ".svg has " + curves + " polylines, expected at least " + expected);
            String svg = Files.readString(dir.resolve("plots/" + plot + ".svg"));
            assertTrue(svg.contains(">sgd") && svg.contains(">adam"), plot + ".svg legend");
        }
        assertFalse(Files.exists(dir.resolve("plots/learning_rate.png")), "constant learning rates need no learning-rate plot");
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<table id=\"results\">") && html.contains(">sgd<") && html.contains(">adam<"));
        // the report must not reach the network: no address in an attribute or a style, and its own policy forbids every
        // load from elsewhere (uPlot's inlined licence comment names its home page, which is no load)
        assertFalse(java.util.regex.Pattern.compile("(src|href|action)\\s*=\\s*\"?\\s*(https?:)?//|url\\(\\s*['\"]?(https?:)?//")
                .matcher(html).find(), "the report must not reach the network");
        assertTrue(html.contains("content=\"default-src 'none'; script-src 'sha256-"), "the report's policy allows nothing from elsewhere");
    }

    @Test
    void study_isReproducibleAndResumesWithoutLostOrDuplicatedRows(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        run(a, tiny(), false);
        // b: simulate a study killed after its first run, then resumed
        StudySpec oneRun = tiny().withSeeds(List.of(3L)).withRuns(tiny().runs().subList(0, 1));
        try (ResultsFolder f = ResultsFolder.create(b, tiny())) {
            new StudyRunner(oneRun, data, 1, new StudyRunner.Listener() { }).run(f);
        }
        assertEquals(1 + 40, Files.readAllLines(b.resolve("metrics.csv")).size());
        int[] skipped = {0};
        try (ResultsFolder resumed = ResultsFolder.open(b)) {
            new StudyRunner(tiny(), data, 2, new StudyRunner.Listener() {
                @Override
                public void runSkipped(RunSpec run, long seed) {
                    skipped[0]++;
                }
            }).run(resumed);
        }
        assertEquals(1, skipped[0]);
        // the same numbers, to the bit, whether resumed or not, with 1 or 2 threads
        assertEquals(withoutSeconds(a.resolve("metrics.csv")), withoutSeconds(b.resolve("metrics.csv")));
    }

    @Test
    void create_refusesAFolderThatHoldsAStudy(@TempDir Path dir) throws Exception {
        ResultsFolder.create(dir, tiny()).close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsFolder.create(dir, tiny()));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void report_rerendersFromMetricsAlone(@TempDir Path dir) throws Exception {
        Report.write(dir, run(dir, tiny(), false), tiny(), 2);
        String before = Files.readString(dir.resolve("summary.json"));
        Files.delete(dir.resolve("summary.json"));
        Files.delete(dir.resolve("report.html"));
        Files.delete(dir.resolve("study.yaml"));
        Report.fromMetrics(dir);
        String after = Files.readString(dir.resolve("summary.json"));
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        // same per-run figures (the config is unknown without study.yaml, and smoothing falls back to 0.9 = tiny's)
        String runsBefore = before.substring(before.indexOf("\"runs\""), before.indexOf("\"aggregate\""));
        String runsAfter = after.substring(after.indexOf("\"runs\""), after.indexOf("\"aggregate\""));
        assertEquals(runsBefore.replaceAll("\"steps_to_threshold\": [0-9a-z]+", ""), runsAfter.replaceAll("\"steps_to_threshold\": [0-9a-z]+", ""));
    }
}
