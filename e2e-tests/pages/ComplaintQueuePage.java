package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Reloads;
import support.Waits;

/** The operators' complaints queue with its filters. */
public class ComplaintQueuePage {

    private final WebDriver driver;

    public ComplaintQueuePage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("complaints"));
    }

    public ComplaintQueuePage filterByNumber(String number) {
        WebElement input = Waits.visible(driver, By.id("filter-number"));
        input.clear();
        input.sendKeys(number);
        Reloads.click(driver, By.id("apply-filters"));
        return new ComplaintQueuePage(driver);
    }

    /** The text of the row whose reference is {@code reference}; fails when no such row is listed. */
    public String rowText(String reference) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#complaints tbody tr"));
        for (WebElement row : rows) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (!cells.isEmpty() && cells.get(0).getText().trim().equals(reference)) {
                return row.getText();
            }
        }
        throw new AssertionError("no complaint " + reference + " in the queue");
    }
}
