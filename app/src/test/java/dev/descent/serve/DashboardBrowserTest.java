package dev.descent.serve;

import dev.descent.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver, as {@code ReportBrowserTest}): it loads
 * without console errors (a Content-Security-Policy violation is one), a study whose run file grows during the test
 * shows its curve growing, the smoothing slider changes the drawn line, the log toggle changes the axis; the sweep and
 * landscape views draw. Keeps a screenshot at app/target/serve-screenshot.png. Skipped where Chromium is not
 * installed, except on CI.
 */
class DashboardBrowserTest {

    @Test
    void dashboard_drawsGrowingCurvesAndItsControlsWork(@TempDir Path root) throws Exception {
        Chromium.assumePresent();
        Path results = Fixture.build(root);
        Path growing = results.resolve("growing");
        Fixture.study(growing, 40, "adam", "sgd");
        Path run = growing.resolve("runs/adam__seed1.csv");

        ChromeOptions options = Chromium.options(root.resolve("profile"), 1400, 1300);
        try (DashboardServer server = DashboardServer.start(SafePaths.of(List.of(results)), "127.0.0.1", 0, 100)) {
            ChromeDriver driver = Chromium.start(options);
            JavascriptExecutor js = driver;
            try {
                driver.get(server.url());
                waitFor(() -> !driver.findElements(By.cssSelector("#folder-list .name[data-id='0/growing']")).isEmpty(), "the folder list");
                click(driver, "#folder-list .name[data-id='0/growing']");
                Supplier<Long> points = () -> ((Number) js.executeScript(
                        "const c = window.descent.charts.loss; return c && c.plot ? c.points() : 0;")).longValue();
                waitFor(() -> points.get() == 4 * 40, "4 runs x 40 steps of loss drawn");

                // the run grows while the page is open: its curve grows, by server-sent events
                StringBuilder more = new StringBuilder();
                for (int t = 41; t <= 60; t++) {
                    more.append(Fixture.studyRow("adam", 1, t));
                }
                Files.writeString(run, more, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                waitFor(() -> points.get() == 4 * 40 + 20, "20 more points after the file grew");

                // hovering reads out every series, also with wall time on x, where the seeds share no x value
                assertEquals(List.of(), unreadSeries(js, 20), "every series read out at the cursor");
                js.executeScript("const x = document.querySelector('#chart-loss select.x'); x.value = 'seconds'; x.dispatchEvent(new Event('change'));");
                waitFor(() -> "wall time (s)".equals(js.executeScript("return window.descent.charts.loss.plot.axes[0].label")), "x as wall time");
                // 5.25 s is step 21 of the seed-1 runs (0.25 s a step) and no step of the seed-2 runs (0.5 s a step)
                assertEquals(List.of(), unreadSeries(js, 5.25), "every series read out at the cursor, x as wall time");
                js.executeScript("const x = document.querySelector('#chart-loss select.x'); x.value = 'step'; x.dispatchEvent(new Event('change'));");

                // the smoothing slider changes the drawn line
                String before = lineValues(js);
                setSlider(js, "0");
                String raw = lineValues(js);
                assertNotEquals(before, raw, "smoothing 0.6 and 0 draw different lines");
                assertTrue(raw.startsWith("[" + Fixture.loss(1, 1) + "," + Fixture.loss(1, 2)), "without smoothing the data itself: " + raw.substring(0, 60));
                String canvasRaw = canvas(js);
                setSlider(js, "0.95");
                assertNotEquals(canvasRaw, canvas(js), "the drawn picture changes with the smoothing");

                // the log toggle changes the axis
                assertEquals(3L, distr(js), "loss starts on a log axis");
                driver.findElement(By.cssSelector("#chart-loss input.log")).click();
                waitFor(() -> distr(js) == 1L, "a linear axis after the toggle");

                // the run filter keeps only matching runs
                driver.findElement(By.cssSelector("#chart-loss input.filter")).sendKeys("sgd");
                waitFor(() -> ((Number) js.executeScript("return window.descent.charts.loss.plot.series.length")).intValue() == 3, "x + 2 sgd runs");

                // compare with the sweep, whose sensitivity plot draws, and the landscape, whose pictures load
                click(driver, "#folder-list input[data-id='0/group/sw']");
                click(driver, "#folder-list input[data-id='0/ls']");
                waitFor(() -> !driver.findElements(By.cssSelector(".sweep .scatter canvas")).isEmpty(), "the sensitivity plot");
                // four rows of trials.csv, three trials: the one promoted to rung 1 is drawn once, at its rung-1 metric
                assertTrue(driver.findElement(By.cssSelector(".sweep .hint")).getText().startsWith("3 trials"),
                        driver.findElement(By.cssSelector(".sweep .hint")).getText());
                assertEquals("[0.5,0.6,0.8]", js.executeScript("const u = document.querySelector('.sweep .scatter').plot;"
                        + "return JSON.stringify(u.data.slice(1).flat().filter(v => v !== null).sort());"));
                waitFor(() -> driver.findElements(By.cssSelector(".landscape img")).size() == 2, "the landscape pictures");
                waitFor(() -> Boolean.TRUE.equals(js.executeScript(
                        "return [...document.querySelectorAll('.landscape img')].every(i => i.complete && i.naturalWidth > 0)")), "pictures loaded");
                Thread.sleep(300);
                List<String> errors = new ArrayList<>();
                for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                    if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                        errors.add(e.getMessage());
                    }
                }
                assertTrue(errors.isEmpty(), "console errors: " + errors);
                File shot = driver.getScreenshotAs(OutputType.FILE);
                Path keep = Path.of("target", "serve-screenshot.png");
                Files.createDirectories(keep.getParent());
                Files.copy(shot.toPath(), keep, StandardCopyOption.REPLACE_EXISTING);
            } catch (AssertionError | RuntimeException e) {
                Path keep = Path.of("target", "serve-screenshot-failed.png");
                Files.createDirectories(keep.getParent());
                Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), keep, StandardCopyOption.REPLACE_EXISTING);
                throw new AssertionError(e.getMessage().lines().findFirst().orElse("") + "; browser log: "
                        + driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList(), e);
            } finally {
                driver.quit();
            }
        }
    }

    /** The loss chart's series whose legend shows no value (uPlot: empty for null, -- for none) with the cursor at {@code x}. */
    @SuppressWarnings("unchecked")
    static List<String> unreadSeries(JavascriptExecutor js, double x) {
        return (List<String>) js.executeScript("""
                const u = window.descent.charts.loss.plot;
                u.setCursor({left: u.valToPos(arguments[0], 'x'), top: u.over.clientHeight / 2});
                return [...u.root.querySelectorAll('.u-legend .u-series')].slice(1)
                    .filter(r => ['', '--'].includes(r.querySelector('.u-value').textContent.trim()))
                    .map(r => r.querySelector('.u-label').textContent);""", x);
    }

    /** The y values of the loss chart's first drawn line, as uPlot holds them. */
    static String lineValues(JavascriptExecutor js) {
        return (String) js.executeScript("return JSON.stringify(window.descent.charts.loss.plot.data[1].filter(v => v !== null).slice(0, 40))");
    }

    static String canvas(JavascriptExecutor js) {
        return (String) js.executeScript("return window.descent.charts.loss.plot.ctx.canvas.toDataURL()");
    }

    static long distr(JavascriptExecutor js) {
        return ((Number) js.executeScript("return window.descent.charts.loss.plot.scales.y.distr")).longValue();
    }

    static void setSlider(JavascriptExecutor js, String value) {
        js.executeScript("const s = document.querySelector('#chart-loss input.smoothing'); s.value = arguments[0];"
                + "s.dispatchEvent(new Event('input'));", value);
    }

    /** Clicks the element {@code css} selects, again if the page redrew it in between (the folder list refreshes). */
    static void click(ChromeDriver driver, String css) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                driver.findElement(By.cssSelector(css)).click();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
        Chromium.waitFor(condition, what, 15);
    }
}
