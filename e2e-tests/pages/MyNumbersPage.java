package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Waits;

/** A tenant's "My numbers": counts, the blocks held and the first page of its pool. */
public class MyNumbersPage {

    private final WebDriver driver;

    public MyNumbersPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("number-count"));
        Waits.visible(driver, By.id("numbers"));
    }

    public String numberCount() {
        return driver.findElement(By.id("number-count")).getText().trim();
    }

    public String blockCount() {
        return driver.findElement(By.id("block-count")).getText().trim();
    }

    /** The numbers on the current page, as displayed ("700 1000 0003 0000"). */
    public List<String> numbers() {
        return driver.findElements(By.cssSelector("#numbers tbody td.mono")).stream()
                .map(WebElement::getText).map(String::trim).toList();
    }
}
