package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Reloads;
import support.Waits;

/** The operators' page of one 700 number: holder, status, bindings, calls, and suspend/lift in place. */
public class NumberDeskPage {

    private final WebDriver driver;

    public NumberDeskPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("number-title"));
        Waits.visible(driver, By.id("number-facts"));
    }

    public String title() {
        return driver.findElement(By.id("number-title")).getText().trim();
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    public String holder() {
        return driver.findElement(By.id("number-holder")).getText().trim();
    }

    /** The status code (AVAILABLE, SUSPENDED, BLOCK_SUSPENDED), read from the badge. */
    public String status() {
        return driver.findElement(By.id("number-status")).getDomAttribute("data-status");
    }

    public String suspendedReason() {
        return driver.findElement(By.id("number-suspended-reason")).getText().trim();
    }

    public int bindingRows() {
        return driver.findElements(By.cssSelector("#number-bindings tbody tr[id^='binding-']")).size();
    }

    public int callRows() {
        return driver.findElements(By.cssSelector("#number-calls tbody tr[id^='call-']")).size();
    }

    /** Submits the suspend form without ticking the confirmation: the refusal, shown next to the form. */
    public String suspendUnconfirmed(String reason) {
        submit("suspend", reason, false);
        return Waits.visible(driver, By.id("suspend-problem")).getText().trim();
    }

    public String typedReason(String form) {
        return driver.findElement(By.id(form + "-reason")).getDomProperty("value");
    }

    public NumberDeskPage suspend(String reason) {
        submit("suspend", reason, true);
        return this;
    }

    public NumberDeskPage lift(String reason) {
        submit("lift", reason, true);
        return this;
    }

    public String notice() {
        return Waits.visible(driver, By.cssSelector(".flash.notice")).getText().trim();
    }

    private void submit(String form, String reason, boolean confirm) {
        WebElement old = driver.findElement(By.id("number-title"));
        WebElement text = Waits.visible(driver, By.id(form + "-reason"));
        text.clear();
        text.sendKeys(reason);
        WebElement box = driver.findElement(By.id(form + "-confirmed"));
        if (box.isSelected() != confirm) {
            box.click();
        }
        driver.findElement(By.id(form)).click();
        Waits.on(driver).until(d -> Reloads.isStale(old));
        Waits.visible(driver, By.id("number-title"));
    }

    public List<String> problems() {
        return driver.findElements(By.cssSelector(".field-error")).stream().map(WebElement::getText).toList();
    }
}
