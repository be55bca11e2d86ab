package pages;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import support.Waits;

/**
 * One bulk verification or bulk binding run: the run's progress panel, which refreshes itself every second while the
 * run goes on. The two kinds name their file and download by their own prefix ({@code batch}, {@code bulk}).
 */
public class BulkRunPage {

    private static final By DONE = By.cssSelector("#run-status[data-status='DONE']");

    private final WebDriver driver;
    private final String prefix;

    public BulkRunPage(WebDriver driver) {
        this(driver, "batch");
    }

    private BulkRunPage(WebDriver driver, String prefix) {
        this.driver = driver;
        this.prefix = prefix;
        Waits.visible(driver, By.id("progress"));
    }

    /** A bulk binding run's page. */
    public static BulkRunPage ofBindings(WebDriver driver) {
        return new BulkRunPage(driver, "bulk");
    }

    /** Waits until the panel shows the run done; a small file takes a second or two, the poll another second. */
    public BulkRunPage awaitDone(Duration atMost) {
        new WebDriverWait(driver, atMost).until(ExpectedConditions.visibilityOfElementLocated(DONE));
        Waits.htmxSettled(driver);
        return this;
    }

    public String status() {
        return driver.findElement(By.id("run-status")).getText().trim();
    }

    public String done() {
        return driver.findElement(By.id("run-done")).getText().trim();
    }

    public String fileName() {
        return driver.findElement(By.id(prefix + "-file")).getText().trim();
    }

    /**
     * The number of lines shown for an outcome (verifications: VERIFIED, MISMATCH, UNREGISTERED, ERROR, INVALID;
     * bindings: created, repeated, refused).
     */
    public int count(String outcome) {
        return Integer.parseInt(driver.findElement(By.cssSelector("#count-" + outcome + " td:nth-child(2)")).getText()
                .trim());
    }

    /** The result file's link, or null while there is none. */
    public String downloadHref() {
        return driver.findElements(By.id(prefix + "-download")).stream().findFirst().map(a -> a.getDomAttribute("href"))
                .orElse(null);
    }

    public boolean canCancel() {
        return !driver.findElements(By.id("run-cancel")).isEmpty();
    }
}
