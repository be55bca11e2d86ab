package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Waits;

/** Reads the 700 numbers (X) of live bindings off an enterprise's binding list. */
public class LiveBindings {

    private final WebDriver driver;

    public LiveBindings(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("bindings"));
    }

    /** The X of the first live (生效中) binding in {@code mode} listed, as displayed: {@code 700 1234 5678 9012}. */
    public String firstLiveX(String mode) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#bindings tbody tr"));
        for (WebElement row : rows) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (!row.findElements(By.cssSelector("span.badge.ACTIVE")).isEmpty() && cells.get(1).getText().trim().equals(mode)) {
                return cells.get(2).getText().trim();
            }
        }
        throw new AssertionError("no live " + mode + " binding on the first page of the list");
    }
}
