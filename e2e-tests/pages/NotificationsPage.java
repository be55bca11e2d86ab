package pages;

import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Reloads;
import support.Waits;

/** The signed-in user's notification centre. */
public class NotificationsPage {

    /** One notification as listed. */
    public record Item(String id, String text, boolean unread) {
    }

    private final WebDriver driver;

    public NotificationsPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("notifications"));
    }

    public List<Item> items() {
        return driver.findElements(By.cssSelector("#notifications tbody tr[id^='notification-']")).stream()
                .map(tr -> new Item(tr.getDomAttribute("id"), tr.findElement(By.cssSelector("td.message")).getText().trim(),
                        "unread".equals(tr.getDomAttribute("class"))))
                .toList();
    }

    public Optional<Item> first(String containing) {
        return items().stream().filter(i -> i.text().contains(containing)).findFirst();
    }

    public NotificationsPage markRead(Item item) {
        WebElement row = driver.findElement(By.id(item.id()));
        row.findElement(By.cssSelector("button.mark-read")).click();
        Waits.on(driver).until(d -> Reloads.isStale(row));
        return new NotificationsPage(driver);
    }
}
