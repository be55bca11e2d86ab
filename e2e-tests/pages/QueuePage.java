package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Waits;

/** The operators' queue of open number requests, oldest first. */
public class QueuePage {

    private final WebDriver driver;

    public QueuePage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("queue"));
    }

    /** The "#id" links of the open requests, in queue order. */
    public List<String> openRequestLinks() {
        return driver.findElements(By.cssSelector("#queue tbody td a")).stream().map(WebElement::getText).toList();
    }

    public ReviewPage open(long requestId) {
        Waits.clickable(driver, By.xpath("//table[@id='queue']//a[normalize-space()='#" + requestId + "']")).click();
        Waits.urlContains(driver, "/operator/requests/" + requestId);
        return new ReviewPage(driver);
    }
}
