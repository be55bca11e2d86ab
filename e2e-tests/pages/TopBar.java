package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Waits;

/** The top bar of every signed-in page: the operators' number search and the notification bell with its count. */
public class TopBar {

    private final WebDriver driver;

    public TopBar(WebDriver driver) {
        this.driver = driver;
    }

    /** Types a number as an operator would (spaces, dashes) and opens its page. */
    public NumberDeskPage searchNumber(String typed) {
        WebElement box = Waits.visible(driver, By.id("number-search"));
        box.clear();
        box.sendKeys(typed);
        driver.findElement(By.id("number-search-go")).click();
        return new NumberDeskPage(driver);
    }

    /** Types something that is not a known 700 number: the answer shown next to the search field. */
    public String searchExpectingProblem(String typed) {
        WebElement box = Waits.visible(driver, By.id("number-search"));
        box.clear();
        box.sendKeys(typed);
        driver.findElement(By.id("number-search-go")).click();
        return Waits.visible(driver, By.id("numberdesk-problem")).getText().trim();
    }

    /** The unread count, once htmx has loaded it (it is hidden, but present, at zero). */
    public int unreadCount() {
        Waits.on(driver).until(d -> d.findElement(By.id("unread-count")).getAttribute("textContent").trim().matches("\\d+"));
        return Integer.parseInt(driver.findElement(By.id("unread-count")).getAttribute("textContent").trim());
    }

    public NotificationsPage openNotifications() {
        Waits.clickable(driver, By.id("nav-notifications")).click();
        return new NotificationsPage(driver);
    }
}
