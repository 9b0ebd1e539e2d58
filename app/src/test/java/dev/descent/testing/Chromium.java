package dev.descent.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium for the browser tests, in one place: where Debian installs it, the flags a machine with a closed
 * network needs (no background connections), and the rule that CI must have it.
 */
public final class Chromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium"), DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Skips the calling test where Chromium or its driver is missing; on CI ({@code CI=true}, .ci/run installs both) fails. */
    public static void assumePresent() {
        boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("chromium and chromium-driver must be installed on CI (.ci/run installs them)");
        }
        Assumptions.assumeTrue(present, "chromium / chromedriver not installed");
    }

    /** Headless, a fresh profile in {@code profile}, a {@code width}×{@code height} window, the page's console logged. */
    public static ChromeOptions options(Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    /** Polls {@code condition} every 50 ms until it holds; fails the test, naming {@code what}, after {@code seconds}. */
    public static void waitFor(Supplier<Boolean> condition, String what, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("timed out waiting for " + what);
    }

    /** Starts a browser with {@code options} through Debian's chromedriver. */
    public static ChromeDriver start(ChromeOptions options) {
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
    }
}
