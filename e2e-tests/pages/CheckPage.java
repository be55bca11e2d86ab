package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import support.PortalApp;
import support.Reloads;
import support.Waits;

/** The public number check and the complaint form beside it (no login). */
public class CheckPage {

    private final WebDriver driver;

    public CheckPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("check-form"));
    }

    public static CheckPage open(WebDriver driver, PortalApp app) {
        driver.get(app.url("/check"));
        return new CheckPage(driver);
    }

    public CheckPage check(String number) {
        WebElement input = Waits.visible(driver, By.id("check-number"));
        input.clear();
        input.sendKeys(number);
        Reloads.click(driver, By.id("check-submit"));
        Waits.visible(driver, By.id("check-answer"));
        return new CheckPage(driver);
    }

    /** Whether the answer says the number is allocated to an enterprise of this platform. */
    public boolean allocated() {
        return !driver.findElements(By.id("verdict-ALLOCATED")).isEmpty();
    }

    public String verdict() {
        return Waits.visible(driver, By.cssSelector("#check-answer p")).getText();
    }

    public String enterprise() {
        return Waits.visible(driver, By.id("check-enterprise")).getText().trim();
    }

    /** The visible text of the whole page. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Files a complaint and returns the reference the page answers with. */
    public String fileComplaint(String number, String category, String description) {
        WebElement numberInput = Waits.visible(driver, By.id("complaint-number"));
        numberInput.clear();
        numberInput.sendKeys(number);
        new Select(driver.findElement(By.id("complaint-category"))).selectByValue(category);
        WebElement text = driver.findElement(By.id("complaint-description"));
        text.clear();
        text.sendKeys(description);
        Reloads.click(driver, By.id("complaint-submit"));
        return Waits.visible(driver, By.id("complaint-reference")).getText().trim();
    }
}
