package pages;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import support.Waits;

/** One bulk verification: the run's progress panel, which refreshes itself every second while the run goes on. */
public class BulkRunPage {

    private static final By DONE = By.cssSelector("#run-status[data-status='DONE']");

    private final WebDriver driver;

    public BulkRunPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("progress"));
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
        return driver.findElement(By.id("batch-file")).getText().trim();
    }

    /** The number of lines shown for an outcome (VERIFIED, MISMATCH, UNREGISTERED, ERROR, INVALID). */
    public int count(String outcome) {
        return Integer.parseInt(driver.findElement(By.cssSelector("#count-" + outcome + " td:nth-child(2)")).getText()
                .trim());
    }

    /** The result file's link, or null while there is none. */
    public String downloadHref() {
        return driver.findElements(By.id("batch-download")).stream().findFirst().map(a -> a.getDomAttribute("href"))
                .orElse(null);
    }

    public boolean canCancel() {
        return !driver.findElements(By.id("run-cancel")).isEmpty();
    }
}
