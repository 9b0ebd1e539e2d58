package dev.descent.report;

import dev.descent.study.RunResult;
import dev.descent.study.StudySpec;
import dev.descent.study.StudyText;
import dev.descent.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens a report in headless Chromium (Debian's chromium and chromium-driver): no console errors, every plot
 * loaded, the table there. Keeps a screenshot at app/target/report-screenshot.png. Skipped where Chromium is
 * not installed, except on CI ({@code CI=true}), where .ci/run installs it.
 */
class ReportBrowserTest {

    /** A synthetic two-optimizer, two-seed study: enough to draw every figure. */
    static List<RunResult> syntheticResults() {
        List<RunResult> out = new ArrayList<>();
        for (String name : List.of("sgd", "adam")) {
            for (long seed = 1; seed <= 2; seed++) {
                List<RunResult.Row> rows = new ArrayList<>();
                for (int t = 1; t <= 200; t++) {
                    double rate = name.equals("adam") ? 0.03 : 0.01;
                    double loss = 2.3 * Math.exp(-rate * t) + 0.1 + 0.05 * Math.sin(t * seed);
                    boolean eval = t % 50 == 0;
                    rows.add(new RunResult.Row(t, loss, name.equals("sgd") ? 0.1 * Math.pow(0.5, t / 100) : 0.001, 1.0, t * 0.01,
                            eval ? loss : Double.NaN, eval ? 1 - loss / 3 : Double.NaN));
                }
                out.add(new RunResult(name, seed, rows, 1 - rows.get(199).loss() / 3, rows.get(199).loss(), false, -1, 2.0));
            }
        }
        return out;
    }

    static StudySpec syntheticSpec() {
        return StudyText.parse("""
                name: synthetic
                model: logreg
                steps: 200
                seeds: [1, 2]
                optimizers:
                  - {name: sgd, optimizer: sgd, lr: 0.1, schedule: "step_decay(drop=0.5, epochs_drop=1)"}
                  - {name: adam, optimizer: adam, lr: 0.001}
                """);
    }

    @Test
    void report_opensInChromiumWithoutErrorsAndShowsEveryPlot(@TempDir Path dir) throws Exception {
        Chromium.assumePresent();
        Path html = Report.write(dir, syntheticResults(), syntheticSpec(), 1);

        ChromeOptions options = Chromium.options(dir.resolve("profile"), 1200, 2400);
        ChromeDriver driver = Chromium.start(options);
        try {
            driver.get(html.toUri().toString());
            List<WebElement> images = driver.findElements(By.cssSelector("figure img"));
            assertEquals(4, images.size(), "expected the loss, loss-vs-time, accuracy and learning-rate plots");
            for (WebElement img : images) {
                Object width = ((JavascriptExecutor) driver).executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", img);
                assertTrue(((Number) width).intValue() > 0, "plot did not load: " + img.getAttribute("alt"));
            }
            List<WebElement> rows = driver.findElements(By.cssSelector("#results tbody tr"));
            assertEquals(2, rows.size());
            assertTrue(driver.findElement(By.id("conclusion")).getText().contains("reached"));
            List<String> errors = new ArrayList<>();
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(e.getMessage());
                }
            }
            assertTrue(errors.isEmpty(), "console errors: " + errors);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path keep = Path.of("target", "report-screenshot.png");
            Files.createDirectories(keep.getParent());
            Files.copy(shot.toPath(), keep, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.quit();
        }
    }
}
