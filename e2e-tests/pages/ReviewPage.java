package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Reloads;
import support.Waits;

/** An operator's review of one number request: the facts, the tenant's standing and the approve/reject forms. */
public class ReviewPage {

    private final WebDriver driver;

    public ReviewPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("request-status"));
    }

    public String status() {
        return driver.findElement(By.id("request-status")).getText().trim();
    }

    public String blocksRequested() {
        return driver.findElement(By.id("blocks-requested")).getText().trim();
    }

    public String blocksToApprove() {
        return Waits.visible(driver, By.cssSelector("#approve-form #blocks")).getDomProperty("value");
    }

    public String selectedChoice() {
        return Waits.visible(driver, By.cssSelector("#approve-form input[name='choice']:checked")).getDomProperty("value");
    }

    public boolean canDecide() {
        return !driver.findElements(By.id("approve-form")).isEmpty();
    }

    /** Approves with the form as it is (count and choice) and waits until the page shows the expected status. */
    public ReviewPage approve(String expectedStatus) {
        WebElement form = driver.findElement(By.id("approve-form"));
        Waits.clickable(driver, By.id("approve")).click();
        Waits.on(driver).until(d -> Reloads.isStale(form));
        Waits.textPresent(driver, By.id("request-status"), expectedStatus);
        return new ReviewPage(driver);
    }

    public String notice() {
        return Waits.visible(driver, By.cssSelector(".flash.notice")).getText().trim();
    }

    public String timelineText() {
        return Waits.visible(driver, By.id("timeline")).getText();
    }
}
