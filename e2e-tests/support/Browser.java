package support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;

/** Headless Chromium; uses the system chromium/chromedriver when present so Selenium Manager downloads nothing. */
public final class Browser {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private static Path profilesRoot;

    private Browser() {
    }

    public static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1000", "--lang=zh-CN",
                "--user-data-dir=" + freshProfileDir());
        if (CHROMIUM.canExecute()) {
            options.setBinary(CHROMIUM);
        }
        WebDriver driver;
        if (CHROMEDRIVER.canExecute()) {
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER)
                    .usingAnyFreePort()
                    .build();
            driver = new ChromeDriver(service, options);
        } else {
            driver = new ChromeDriver(options);
        }
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * Gives the page a viewport {@code width} CSS pixels wide (a phone is 390), and checks it through
     * {@code window.innerWidth}: the window is resized, and where the browser keeps a window wider than asked
     * (a minimum window width), the viewport is emulated at that size through the DevTools protocol.
     */
    public static void viewport(WebDriver driver, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        if (innerWidth(driver) != width && driver instanceof HasCdp cdp) {
            cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        }
        long actual = innerWidth(driver);
        if (actual != width) {
            throw new IllegalStateException("asked for a viewport " + width + " px wide, the page has " + actual);
        }
    }

    private static long innerWidth(WebDriver driver) {
        return (Long) ((JavascriptExecutor) driver).executeScript("return window.innerWidth");
    }

    private static synchronized String freshProfileDir() {
        try {
            if (profilesRoot == null) {
                Path root = Files.createTempDirectory("e2e-chrome-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root), "e2e-chrome-cleanup"));
                profilesRoot = root;
            }
            return Files.createTempDirectory(profilesRoot, "profile-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
