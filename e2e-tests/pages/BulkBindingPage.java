package pages;

import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import support.Reloads;
import support.Waits;

/** The enterprise's bulk bindings: the CSV upload form (create or end) and the recent runs. */
public class BulkBindingPage {

    private final WebDriver driver;

    public BulkBindingPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("bulk-binding-form"));
    }

    /** Uploads a creation file and answers the page of the run it started. */
    public BulkRunPage upload(Path file) {
        send(file);
        Waits.on(driver).until(ExpectedConditions.urlMatches("/bindings/bulk/\\d+$"));
        return BulkRunPage.ofBindings(driver);
    }

    /** Uploads a file the portal refuses and answers the problem shown next to the file field. */
    public String uploadRefused(Path file) {
        send(file);
        return Waits.visible(driver, By.id("file-problem")).getText().trim();
    }

    private void send(Path file) {
        Waits.clickable(driver, By.id("operation-create")).click();
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        Reloads.click(driver, By.id("bulk-binding-submit"));
    }
}
