package dev.descent.report;

import dev.descent.stats.Ema;
import dev.descent.study.RunResult;
import dev.descent.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interactive report.html in headless Chromium, opened from a file:// URL with the network off: no console error
 * (a refused script or style under the page's own Content-Security-Policy is one), no resource fetched, every chart
 * drawn from the embedded data, the smoothing slider changes the line (to the data itself at 0, to
 * {@link Ema#debiased} at 0.6), the y axis ignores outliers until told not to, the log toggle changes the axis, the run filter keeps the matching runs; a sweep's
 * report draws its trial scatters; with JavaScript off only the static figures show. Keeps a screenshot at
 * app/target/report-interactive-screenshot.png. Skipped where Chromium is not installed, except on CI.
 */
class InteractiveReportBrowserTest {

    @Test
    void studyReport_drawsItsChartsOfflineAndItsControlsWork(@TempDir Path dir) throws Exception {
        assumeChromium();
        List<RunResult> results = withSpike(ReportBrowserTest.syntheticResults());
        Path html = Report.write(dir.resolve("study"), results, ReportBrowserTest.syntheticSpec(), 1);
        ChromeDriver driver = driver(dir, true);
        JavascriptExecutor js = driver;
        try {
            driver.get(html.toUri().toString());
            waitFor(() -> points(js, "loss") > 0, "the loss chart");
            assertEquals(4 * 200, points(js, "loss"), "2 configurations x 2 seeds x 200 steps of loss");
            assertEquals(4 * 4, points(js, "accuracy"), "4 evaluations per run");
            for (String id : List.of("loss", "accuracy", "lr", "grad_norm")) {
                assertTrue(points(js, id) > 0, id + " drawn");
            }
            assertEquals(List.of(), js.executeScript("return performance.getEntriesByType('resource').map(e => e.name)"),
                    "nothing fetched");

            // smoothing 0.6 (the default) draws Ema.debiased of the data; 0 draws the data itself
            double[] sgd1 = results.getFirst().rows().stream().mapToDouble(r -> Interactive.round(r.loss())).toArray();
            assertClose(Ema.debiased(sgd1, 0.6), line(js), "the default line is the debiased EMA 0.6");
            String smoothCanvas = canvas(js);
            setSlider(js, "0");
            assertClose(sgd1, line(js), "without smoothing the data itself");
            assertNotEquals(smoothCanvas, canvas(js), "the drawn picture changes with the smoothing");

            // the y axis ignores outliers as the static plots do (the same hand computation as LineChartTest), until unticked
            @SuppressWarnings("unchecked")
            List<Number> r = (List<Number>) js.executeScript("return window.descentCharts.outlierRange([...Array(20).keys(), 1000], false)");
            assertEquals(0, r.get(0).doubleValue(), 1e-12);
            assertEquals(22.6, r.get(1).doubleValue(), 1e-12);
            double drawnMax = ((Number) js.executeScript("return Math.max(...window.descent.charts.loss.plot.data.slice(1).flat().filter(v => v !== null))")).doubleValue();
            assertEquals(SPIKE, drawnMax, "the spike is drawn");
            assertTrue(yMax(js) < 5, "the spike left out of the axis: " + yMax(js));
            assertTrue(!driver.findElement(By.cssSelector("#chart-accuracy input.outliers")).isSelected(), "accuracy shows every value");
            driver.findElement(By.cssSelector("#chart-loss input.outliers")).click();
            waitFor(() -> yMax(js) >= drawnMax, "every value inside the axis");

            assertEquals(3L, ((Number) js.executeScript("return window.descent.charts.loss.plot.scales.y.distr")).longValue(), "log y");
            driver.findElement(By.cssSelector("#chart-loss input.log")).click();
            waitFor(() -> ((Number) js.executeScript("return window.descent.charts.loss.plot.scales.y.distr")).longValue() == 1, "linear y");
            driver.findElement(By.cssSelector("#chart-loss input.filter")).sendKeys("adam");
            waitFor(() -> ((Number) js.executeScript("return window.descent.charts.loss.plot.series.length")).intValue() == 3, "x + 2 adam runs");

            assertTrue(driver.findElement(By.id("interactive")).isDisplayed());
            assertNoConsoleErrors(driver);
            Path keep = Path.of("target", "report-interactive-screenshot.png");
            Files.createDirectories(keep.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), keep, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.quit();
        }
    }

    @Test
    void sweepReport_drawsItsTrialScattersAndReruns(@TempDir Path dir) throws Exception {
        assumeChromium();
        Path html = SweepReport.write(dir.resolve("sweep"), SweepFixtureTest.results());
        ChromeDriver driver = driver(dir, true);
        JavascriptExecutor js = driver;
        try {
            driver.get(html.toUri().toString());
            waitFor(() -> !driver.findElements(By.cssSelector(".sweep .scatter canvas")).isEmpty(), "the sensitivity plot");
            assertTrue(driver.findElement(By.cssSelector(".sweep .hint")).getText().matches("\\d+ trials.*"),
                    driver.findElement(By.cssSelector(".sweep .hint")).getText());
            long scattered = ((Number) js.executeScript("const u = document.querySelector('.sweep .scatter[data-key=lr]').plot;"
                    + "return u.data.slice(1).flat().filter(v => v !== null).length;")).longValue();
            assertTrue(scattered > 0, "trials drawn against lr");
            assertTrue(points(js, "loss") > 0, "the re-runs' loss");
            assertNoConsoleErrors(driver);
        } finally {
            driver.quit();
        }
    }

    @Test
    void withoutJavaScript_onlyTheStaticFiguresShow(@TempDir Path dir) throws Exception {
        assumeChromium();
        Path html = Report.write(dir.resolve("study"), ReportBrowserTest.syntheticResults(), ReportBrowserTest.syntheticSpec(), 1);
        ChromeDriver driver = driver(dir, false);
        try {
            driver.get(html.toUri().toString());
            assertTrue(!driver.findElement(By.id("interactive")).isDisplayed(), "the charts' section stays hidden");
            assertEquals(4, driver.findElements(By.cssSelector("figure img")).size());
            for (var img : driver.findElements(By.cssSelector("figure img"))) {
                assertTrue(img.isDisplayed() && img.getSize().getWidth() > 100, img.getAttribute("alt"));
            }
        } finally {
            driver.quit();
        }
    }

    static final double SPIKE = 50;

    /** The synthetic study with one spike: sgd seed 1's loss is {@link #SPIKE} at step 100. */
    static List<RunResult> withSpike(List<RunResult> results) {
        RunResult first = results.getFirst();
        List<RunResult.Row> rows = new ArrayList<>(first.rows());
        RunResult.Row r = rows.get(99);
        rows.set(99, new RunResult.Row(r.step(), SPIKE, r.lr(), r.gradNorm(), r.seconds(), r.testLoss(), r.testAccuracy()));
        List<RunResult> out = new ArrayList<>(results);
        out.set(0, new RunResult(first.name(), first.seed(), rows, first.testAccuracy(), first.testLoss(), first.diverged(),
                first.divergedAt(), first.trainSeconds()));
        return out;
    }

    static void assumeChromium() {
        Chromium.assumePresent();
    }

    /** Headless Chromium with the network off; {@code javascript} false turns scripts off. */
    static ChromeDriver driver(Path dir, boolean javascript) {
        ChromeOptions options = Chromium.options(dir.resolve(javascript ? "profile" : "profile-nojs"), 1200, 1800);
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriver driver = Chromium.start(options);
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        driver.setNetworkConditions(offline);
        return driver;
    }

    static long points(JavascriptExecutor js, String chart) {
        return ((Number) js.executeScript("const c = window.descent && window.descent.charts[arguments[0]];"
                + "return c && c.plot ? c.points() : 0;", chart)).longValue();
    }

    /** The loss chart's first line as uPlot holds it (sgd seed 1, every step). */
    @SuppressWarnings("unchecked")
    static double[] line(JavascriptExecutor js) {
        List<Number> v = (List<Number>) js.executeScript("return window.descent.charts.loss.plot.data[1].filter(v => v !== null)");
        return v.stream().mapToDouble(Number::doubleValue).toArray();
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.abs(expected[i]), what + " at step " + (i + 1));
        }
    }

    static double yMax(JavascriptExecutor js) {
        return ((Number) js.executeScript("return window.descent.charts.loss.plot.scales.y.max")).doubleValue();
    }

    static String canvas(JavascriptExecutor js) {
        return (String) js.executeScript("return window.descent.charts.loss.plot.ctx.canvas.toDataURL()");
    }

    static void setSlider(JavascriptExecutor js, String value) {
        js.executeScript("const s = document.querySelector('#chart-loss input.smoothing'); s.value = arguments[0];"
                + "s.dispatchEvent(new Event('input'));", value);
    }

    static void assertNoConsoleErrors(ChromeDriver driver) {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        assertTrue(errors.isEmpty(), "console errors: " + errors);
    }

    static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
        Chromium.waitFor(condition, what, 15);
    }
}
