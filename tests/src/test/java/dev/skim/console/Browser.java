package dev.skim.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: both paths are given, so
 * Selenium Manager never looks for (or downloads) a browser or a driver.
 */
final class Browser implements AutoCloseable {

    /** The browser, {@code -Dskim.chromium=...} to change. */
    static final Path CHROMIUM = Path.of(System.getProperty("skim.chromium", "/usr/bin/chromium"));

    /** The driver, {@code -Dskim.chromedriver=...} to change. */
    static final Path CHROMEDRIVER =
            Path.of(System.getProperty("skim.chromedriver", "/usr/bin/chromedriver"));

    /** Where screenshots go (the tests module's target/). */
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Whether the browser and the driver are installed (else the tests are skipped). */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A new browser with its own empty profile and a window of that size (CSS pixels). */
    static Browser open(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("skim-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags that keep Chromium off the network: this machine reaches nothing outside
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .withLogFile(File.createTempFile("skim-console-chromedriver", ".log"))
                        .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Browser(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    void get(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits up to 30 s for the condition; the message says what did not happen. */
    <T> T await(String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage(() -> what + "; page text: " + pageText())
                .until(condition);
    }

    /** Waits until an element matching css is shown and returns it. */
    WebElement awaitShown(String css) {
        return await(
                css + " is shown",
                d -> {
                    for (WebElement e : d.findElements(By.cssSelector(css))) {
                        if (e.isDisplayed()) {
                            return e;
                        }
                    }
                    return null;
                });
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void scrollTo(WebElement e) {
        js("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e);
    }

    String pageText() {
        try {
            return driver.findElement(By.tagName("body")).getText().replace('\n', ' ');
        } catch (RuntimeException e) {
            return "(no page: " + e + ")";
        }
    }

    /** Saves a screenshot of the viewport as target/console-screenshots/NAME.png. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path to = SCREENSHOTS.resolve(name + ".png");
        Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
        return to;
    }

    /** The browser console's entries at SEVERE since the last call, except those allowed. */
    List<String> errors(Predicate<String> allowed) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(allowed.negate())
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temp profile left for the OS's temp cleaning
        }
    }
}
