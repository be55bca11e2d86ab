package pages;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import support.Reloads;
import support.Waits;

/** An enterprise admin's webhook endpoints: the list with its form, the secret shown once, an endpoint's page. */
public class WebhooksPage {

    private final WebDriver driver;

    public WebhooksPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("webhook-endpoints"));
    }

    /** Adds an endpoint for the given event types; the secret the next page shows once. */
    public String add(String url, String description, String... events) {
        driver.findElement(By.id("url")).sendKeys(url);
        driver.findElement(By.id("description")).sendKeys(description);
        for (String event : events) {
            driver.findElement(By.id("event-" + event)).click();
        }
        Reloads.click(driver, By.id("create-endpoint"));
        return Waits.visible(driver, By.id("webhook-secret")).getText().trim();
    }

    /** From the secret page to the endpoint's own page. */
    public Endpoint toEndpoint() {
        Reloads.click(driver, By.id("to-endpoint"));
        return new Endpoint(driver);
    }

    /** One endpoint: its form, the test send and the delivery log. */
    public static class Endpoint {

        private final WebDriver driver;

        Endpoint(WebDriver driver) {
            this.driver = driver;
            Waits.visible(driver, By.id("deliveries"));
        }

        public Endpoint sendTest() {
            Reloads.click(driver, By.id("send-test"));
            return new Endpoint(driver);
        }

        /** Reloads the log (the worker sends within a second or two) until a message of the type shows the status. */
        public String awaitDelivery(String type, String status) {
            String css = "#deliveries tr[data-type='" + type + "'][data-status='" + status + "']";
            Waits.on(driver).withTimeout(Duration.ofSeconds(30)).until(d -> {
                if (!d.findElements(By.cssSelector(css)).isEmpty()) {
                    return true;
                }
                Reloads.click(d, By.id("filter-deliveries"));
                return false;
            });
            return driver.findElement(By.cssSelector(css)).getAttribute("id").substring("delivery-".length());
        }

        public String body(String msgId) {
            Waits.clickable(driver, By.id("body-" + msgId)).click();
            return Waits.visible(driver, By.cssSelector("#detail-" + msgId + " pre")).getText();
        }
    }
}
