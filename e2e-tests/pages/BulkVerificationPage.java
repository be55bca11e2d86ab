package pages;

import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import support.Waits;

/** The enterprise's bulk verifications: the CSV upload form and the recent runs. */
public class BulkVerificationPage {

    private final WebDriver driver;

    public BulkVerificationPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("bulk-form"));
    }

    /** Uploads the file and answers the page of the bulk verification it started. */
    public BulkRunPage upload(Path file) {
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        Waits.clickable(driver, By.id("bulk-submit")).click();
        Waits.on(driver).until(ExpectedConditions.urlMatches("/verifications/bulk/\\d+$"));
        return new BulkRunPage(driver);
    }
}
