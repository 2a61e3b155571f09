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

    /**
     * Text shown with less contrast than WCAG AA asks against the background it sits on (4.5:1, or
     * 3:1 for large text): one line per element, with its ratio. SVG labels are not checked.
     */
    @SuppressWarnings("unchecked")
    List<String> lowContrast() {
        return (List<String>) js(CONTRAST);
    }

    private static final String CONTRAST =
            """
            const rgba = (s) => {
              const m = s.match(/rgba?\\(([^)]+)\\)/);
              if (!m) return null;
              const p = m[1].split(',').map(parseFloat);
              return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
            };
            const lum = (c) => {
              const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
              return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
            };
            const background = (e) => {
              for (; e; e = e.parentElement) {
                const c = rgba(getComputedStyle(e).backgroundColor);
                if (c && c[3] > 0.5) return c;
              }
              return [255, 255, 255, 1];
            };
            const bad = [];
            for (const e of document.querySelectorAll('body *')) {
              if (e.closest('svg') || e.getClientRects().length === 0) continue;
              if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
              const st = getComputedStyle(e);
              if (st.visibility === 'hidden') continue;
              const a = lum(rgba(st.color));
              const b = lum(background(e));
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              const size = parseFloat(st.fontSize);
              const large = size >= 24 || (size >= 18.66 && parseInt(st.fontWeight, 10) >= 700);
              if (ratio < (large ? 3 : 4.5)) {
                bad.push(`${e.tagName.toLowerCase()}.${e.className} '${e.textContent.trim().slice(0, 40)}' ${ratio.toFixed(2)}:1`);
              }
            }
            return bad;
            """;

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
