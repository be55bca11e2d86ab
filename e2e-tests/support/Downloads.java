package support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * File downloads for one browser: {@link #enable} lets that browser (and only it, through the DevTools protocol, so
 * {@link Browser}'s options stay as they are) save downloads into a fresh directory under
 * {@code target/e2e-downloads/}; {@link #await} waits for a finished file there.
 */
public final class Downloads {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Downloads() {
    }

    /** Answers the directory this browser's downloads now go to, empty. */
    public static Path enable(WebDriver driver) {
        if (!(driver instanceof HasCdp cdp)) {
            throw new IllegalStateException("downloads need a Chromium driver, not " + driver.getClass().getName());
        }
        Path dir;
        try {
            Path root = Files.createDirectories(PortalApp.artifactsDir().toAbsolutePath().resolveSibling("e2e-downloads"));
            dir = Files.createTempDirectory(root, "browser-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cdp.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", dir.toString(), "eventsEnabled", true));
        return dir;
    }

    /**
     * Waits (bounded, polling) until {@code dir} holds exactly one finished file whose name ends with {@code suffix}
     * and nothing still being written (Chromium's {@code .crdownload}), and answers it.
     */
    public static Path await(WebDriver driver, Path dir, String suffix) {
        WebDriverWait wait = new WebDriverWait(driver, DEFAULT_TIMEOUT);
        wait.withMessage(() -> "no finished *" + suffix + " download in " + dir + ", it holds " + list(dir));
        return wait.until(d -> {
            List<Path> files = list(dir);
            if (files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"))) {
                return null;
            }
            List<Path> done = files.stream().filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            return done.size() == 1 ? done.get(0) : null;
        });
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
