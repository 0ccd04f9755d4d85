package dev.sessionshop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}), driven through
 * Selenium with the driver's path given, so Selenium never tries to download a browser or a driver. Each
 * browser gets a fresh profile. Its screenshots go to the directory in the system property
 * {@code shop.screenshots}: {@code deployment/target/screenshots/} in a normal build, so tests never change
 * the repository; {@code docs/images/} with {@code -Pdocs-screenshots}, the run that refreshes the tutorial's
 * pictures (taken from a real run, never drawn by hand).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS =
            Path.of(System.getProperty("shop.screenshots", "target/screenshots")).toAbsolutePath().normalize();

    /** Room above and below an element saved alone, and for the header a scrolled page still shows. */
    private static final int WINDOW_MARGIN = 200;

    private final Path profile;
    private final ChromeDriver driver;

    Browser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver");
        }
        try {
            profile = Files.createTempDirectory("shop-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                        "--window-size=1100,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    void open(String path) {
        driver.get(Topology.SHOP.resolve(path).toString());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /**
     * Waits until the browser shows a page at {@code path} (a click on a form or link navigates after
     * the click returns; a round trip through another instance can take a second or more).
     */
    void awaitPage(String path) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!(driver.getCurrentUrl().endsWith(path) && "complete".equals(
                driver.executeScript("return document.readyState")))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no page at " + path + " within 30 s; at " + driver.getCurrentUrl());
            }
            StickyIT.sleepBriefly();
        }
    }

    /** Opens {@code path} and returns what the page shows as text (for JSON: the document itself). */
    String text(String path) {
        open(path);
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The value of a cookie the browser holds for the shop. */
    String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        if (cookie == null) {
            throw new AssertionError("the browser holds no " + name + " cookie");
        }
        return cookie.getValue();
    }

    /** The instance the session panel says served the page. */
    String servedBy() {
        return find("#panel-instance").getText();
    }

    /** Waits until an element matching {@code css} is on the page, at most {@code patience}; returns it. */
    WebElement await(String css, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (!has(css)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("nothing matches " + css + " within " + patience.toSeconds() + " s; the page shows: "
                        + find("main").getText());
            }
            StickyIT.sleepBriefly();
        }
        return find(css);
    }

    /**
     * Saves one element of the page as {@code <name>.png} in the screenshot directory. Chromium cuts an
     * element's picture at the edge of the window (a lab's conclusion once ended mid-sentence), so the
     * window grows to the element's height first and gets its size back afterwards.
     */
    void screenshot(WebElement element, String name) {
        Dimension window = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript(
                "return Math.ceil(arguments[0].getBoundingClientRect().height);", element);
        int needed = height.intValue() + WINDOW_MARGIN;
        if (needed > window.getHeight()) {
            driver.manage().window().setSize(new Dimension(window.getWidth(), needed));
        }
        try {
            driver.executeScript("arguments[0].scrollIntoView(true);", element);
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), element.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** Saves what the browser shows as {@code <name>.png} in the screenshot directory. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp profile is harmless; the browser itself is gone.
        }
    }
}
