package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.PortalApp;
import support.Reloads;
import support.Waits;

/** An operator's page of one block (/operator/blocks/{code}): its numbers and their suspend / restore forms. */
public class OperatorBlockPage {

    private final WebDriver driver;

    public OperatorBlockPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("block-numbers"));
    }

    public static OperatorBlockPage open(WebDriver driver, PortalApp app, String blockCode) {
        driver.get(app.url("/operator/blocks/" + blockCode));
        return new OperatorBlockPage(driver);
    }

    /** Narrows the numbers list to those matching {@code number}. */
    public OperatorBlockPage search(String number) {
        WebElement q = Waits.visible(driver, By.cssSelector("#number-filters input[name=q]"));
        q.clear();
        q.sendKeys(number);
        Reloads.click(driver, By.cssSelector("#number-filters button[type=submit]"));
        return new OperatorBlockPage(driver);
    }

    /** Suspends one usage number (15 digits) with a reason, through its row's form. */
    public OperatorBlockPage suspendNumber(String digits, String reason) {
        By form = By.cssSelector("form[action$='/numbers/" + digits + "/suspend']");
        WebElement input = Waits.visible(driver, form).findElement(By.name("reason"));
        input.clear();
        input.sendKeys(reason);
        Reloads.click(driver, new By.ByCssSelector("form[action$='/numbers/" + digits + "/suspend'] button[type=submit]"));
        return new OperatorBlockPage(driver);
    }

    public String notice() {
        return Waits.visible(driver, By.cssSelector(".flash.notice")).getText();
    }

    /** The text of the row of the number displayed as {@code display} ({@code 700 1234 5678 9012}). */
    public String numberRowText(String display) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#block-numbers tbody tr"));
        for (WebElement row : rows) {
            if (row.findElements(By.tagName("td")).get(0).getText().trim().equals(display)) {
                return row.getText();
            }
        }
        throw new AssertionError("number " + display + " is not listed");
    }
}
