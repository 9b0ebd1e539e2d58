package dev.descent.serve;

import dev.descent.cli.CliRun;
import dev.descent.testing.Chromium;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code descent study --serve} and {@code descent sweep --serve}, run in this JVM on real MNIST, watched in headless
 * Chromium: the study's loss curves grow while it trains (more points drawn later, before the study is done), the
 * sweep's sensitivity view draws its trials while it runs; both dashboards stop when their run ends. Screenshots
 * are kept at app/target/serve-live-study.png and app/target/serve-live-sweep.png. Skipped without Chromium (except
 * on CI) or without DESCENT_DATA.
 */
class ServeWhileTrainingBrowserTest {
    static final String STUDY = """
            name: watched
            model: mlp
            steps: 4000
            batch: 50
            eval_every: 250
            eval_examples: 500
            seeds: [1]
            optimizers:
              - {name: sgd, optimizer: sgd, lr: 0.1}
              - {name: adam, optimizer: adam, lr: 0.001}
            """;

    static final String SWEEP = """
            name: watched
            problems: ["mnist-mlp(steps=400, eval_every=100, validation=1000)"]
            tuning:
              seeds: [1, 2]
              common_lr: 0.01
            search:
              lr: [0.001, 0.01, 0.1, 1]
            optimizers:
              - name: sgd
                optimizer: sgd
              - name: adam
                optimizer: adam
            """;

    @Test
    void aStudyWithServe_showsItsCurvesGrowing_andASweepItsSensitivity(@TempDir Path tmp) throws Exception {
        Chromium.assumePresent();
        String data = System.getenv("DESCENT_DATA");
        Assumptions.assumeTrue(data != null && !data.isBlank(), "DESCENT_DATA not set");

        ChromeDriver driver = browser(tmp);
        JavascriptExecutor js = driver;
        try {
            // the study: started before the page, which is opened at the address it serves
            Path study = tmp.resolve("study");
            int port = freePort();
            String studyFile = Files.writeString(tmp.resolve("watched.yaml"), STUDY).toString();
            CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(() -> CliRun.run("study", studyFile, "--data-dir", data, "--out", study.toString(),
                    "--threads", "1", "--serve", "--port", Integer.toString(port)), Thread::startVirtualThread);
            String url = "http://127.0.0.1:" + port + "/?id=0";
            waitFor(() -> answers(url) || run.isDone(), "the study's dashboard to answer");
            assertFalse(run.isDone(), "the study ended before its dashboard answered: " + (run.isDone() ? run.join().err() : ""));
            driver.get(url);
            Supplier<Long> points = () -> ((Number) js.executeScript(
                    "const c = window.descent.charts.loss; return c && c.plot ? c.points() : 0;")).longValue();
            waitFor(() -> points.get() > 0 || run.isDone(), "the first points of the running study");
            long first = points.get();
            waitFor(() -> points.get() > first || run.isDone(), "more points than " + first);
            long later = points.get();
            boolean running = !Files.exists(study.resolve("summary.json"));
            assertTrue(later > first, "the curves grew: " + first + " points, then " + later);
            assertTrue(running, "the curves grew while the study ran (it had not finished when " + later + " points were drawn)");
            assertEquals(List.of(), severeConsoleMessages(driver));
            waitFor(() -> run.isDone() || ((Number) js.executeScript("return window.descent.charts.loss.plot.series.length")).intValue() >= 3,
                    "the second run under way, for the picture");
            Thread.sleep(1500);
            screenshot(driver, "serve-live-study.png");
            driver.get("about:blank"); // a page left open logs its failed reconnections once the dashboard stops
            CliRun.Result done = run.join();
            assertEquals(0, done.exit(), done.err());
            assertTrue(done.err().contains("dashboard: http://127.0.0.1:" + port + "/?id=0"), done.err());
            assertTrue(done.err().contains("the study is done; the dashboard stopped"), done.err());
            assertFalse(answers(url), "the dashboard stops when the study ends");
            assertFalse(Files.exists(study.resolve("live")), "no live file left");
            System.out.println("descent study --serve: " + first + " points drawn, then " + later + " while it ran, of "
                    + (2 * 4000) + " in the end");

            // the sweep: its sensitivity view draws the trials saved so far while it runs
            Path sweep = tmp.resolve("sweep");
            int sweepPort = freePort();
            String sweepFile = Files.writeString(tmp.resolve("watched-sweep.yaml"), SWEEP).toString();
            CompletableFuture<CliRun.Result> sweepRun = CompletableFuture.supplyAsync(() -> CliRun.run("sweep", sweepFile, "--data-dir", data, "--out", sweep.toString(),
                    "--workers", "1", "--threads", "1", "--serve", "--port", Integer.toString(sweepPort)), Thread::startVirtualThread);
            String sweepUrl = "http://127.0.0.1:" + sweepPort + "/?id=0";
            waitFor(() -> answers(sweepUrl) || sweepRun.isDone(), "the sweep's dashboard to answer");
            severeConsoleMessages(driver); // read, so only the sweep page's own messages are checked below
            driver.get(sweepUrl);
            Supplier<String> hint = () -> (String) js.executeScript("const h = document.querySelector('.sweep .hint'); return h ? h.textContent : ''");
            waitFor(() -> hint.get().matches("[4-9] trials.*|\\d\\d+ trials.*") || sweepRun.isDone(), "four trials in the sensitivity view");
            boolean sweepRunning = !Files.exists(sweep.resolve("summary.json"));
            assertTrue(hint.get().matches("[4-9] trials.*|\\d\\d+ trials.*"), "the sensitivity view: '" + hint.get() + "'");
            assertTrue(sweepRunning, "the sensitivity view filled in while the sweep ran");
            assertFalse(driver.findElements(By.cssSelector(".sweep .scatter canvas")).isEmpty(), "the sensitivity plot is drawn");
            assertEquals(List.of(), severeConsoleMessages(driver));
            js.executeScript("document.querySelector('.sweep').scrollIntoView()");
            screenshot(driver, "serve-live-sweep.png");
            CliRun.Result sweepDone = sweepRun.join();
            assertEquals(0, sweepDone.exit(), sweepDone.err());
            assertTrue(sweepDone.err().contains("the sweep is done; the dashboard stopped"), sweepDone.err());
            assertFalse(Files.exists(sweep.resolve("live")), "no live file left");
        } catch (AssertionError | RuntimeException e) {
            screenshot(driver, "serve-live-failed.png");
            throw e;
        } finally {
            driver.quit();
        }
    }

    static ChromeDriver browser(Path tmp) {
        ChromeOptions options = Chromium.options(tmp.resolve("profile"), 1400, 1300);
        return Chromium.start(options);
    }

    static List<String> severeConsoleMessages(ChromeDriver driver) {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    static void screenshot(ChromeDriver driver, String name) throws IOException {
        Path keep = Path.of("target", name);
        Files.createDirectories(keep.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), keep, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A port free now (the command is given it; nothing else on this machine is expected to take it meanwhile). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean answers(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
        Chromium.waitFor(condition, what, 120);
    }
}
