package pages;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import support.Downloads;
import support.PortalApp;
import support.Waits;

/** The operators' call record upload: the form, then the upload's progress panel (a background run). */
public class CallRecordUploadPage {

    /** A file of a few lines is stored in well under this, the panel asking every second. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private final WebDriver driver;

    public CallRecordUploadPage(WebDriver driver) {
        this.driver = driver;
    }

    public static CallRecordUploadPage open(WebDriver driver, PortalApp app) {
        driver.get(app.url("/operator/calls/upload"));
        Waits.visible(driver, By.id("upload-form"));
        return new CallRecordUploadPage(driver);
    }

    /** Chooses the file and submits; answers once the upload's own page shows its panel. */
    public CallRecordUploadPage upload(Path file) {
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        Waits.clickable(driver, By.id("upload-submit")).click();
        Waits.on(driver).until(ExpectedConditions.urlMatches("/operator/calls/upload/\\d+$"));
        Waits.visible(driver, By.id("run-status"));
        return this;
    }

    /** Waits until the run has ended DONE (the panel swaps itself in while it runs). */
    public CallRecordUploadPage awaitDone() {
        new WebDriverWait(driver, RUN_TIMEOUT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#run-status[data-status='DONE']")));
        return this;
    }

    public String status() {
        return driver.findElement(By.id("run-status")).getText();
    }

    public String done() {
        return driver.findElement(By.id("run-done")).getText();
    }

    public String fileName() {
        return driver.findElement(By.id("upload-file")).getText();
    }

    /** The number of lines that ended {@code outcome} (ACCEPTED, UNMATCHED, DUPLICATE, REJECTED). */
    public int count(String outcome) {
        return Integer.parseInt(driver.findElement(By.cssSelector("#count-" + outcome + " td:nth-child(2)")).getText());
    }

    public String downloadHref() {
        return driver.findElement(By.id("upload-download")).getDomAttribute("href");
    }

    /** Clicks the result file's link and answers the file once downloaded. */
    public Path downloadResult(Path downloads) {
        Waits.clickable(driver, By.id("upload-download")).click();
        return Downloads.await(driver, downloads, ".csv");
    }
}
