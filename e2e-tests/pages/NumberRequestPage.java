package pages;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import support.Reloads;
import support.Waits;

/** An enterprise admin's "number requests" page: the form to request blocks, above the request history. */
public class NumberRequestPage {

    private static final Pattern REQUEST_URL = Pattern.compile("/numbers/requests/(\\d+)(?:[?#].*)?$");

    private final WebDriver driver;

    public NumberRequestPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("request-form"));
    }

    public NumberRequestPage fill(String blocks, String scenarioValue, String expectedDailyBindings, String justification) {
        type("blocks", blocks);
        new Select(driver.findElement(By.id("scenario"))).selectByValue(scenarioValue);
        type("expectedDailyBindings", expectedDailyBindings);
        type("justification", justification);
        return this;
    }

    /** Submits input the portal refuses; the form comes back with its messages. */
    public NumberRequestPage submitExpectingRefusal() {
        WebElement form = driver.findElement(By.id("request-form"));
        driver.findElement(By.id("submit-request")).click();
        Waits.on(driver).until(d -> Reloads.isStale(form));
        return new NumberRequestPage(driver);
    }

    /** Submits and waits for the new request's own page. */
    public MyRequestPage submit() {
        driver.findElement(By.id("submit-request")).click();
        Waits.on(driver).until(d -> REQUEST_URL.matcher(d.getCurrentUrl()).find());
        return new MyRequestPage(driver);
    }

    public String fieldError(String field) {
        return Waits.visible(driver, By.cssSelector("#" + field + " ~ .field-error")).getText();
    }

    public String value(String field) {
        return driver.findElement(By.id(field)).getDomProperty("value");
    }

    public String selectedScenario() {
        return new Select(driver.findElement(By.id("scenario"))).getFirstSelectedOption().getDomProperty("value");
    }

    static long requestIdFromUrl(String url) {
        Matcher matcher = REQUEST_URL.matcher(url);
        if (!matcher.find()) {
            throw new IllegalStateException("not a request page: " + url);
        }
        return Long.parseLong(matcher.group(1));
    }

    private void type(String id, String value) {
        driver.findElement(By.id(id)).clear();
        driver.findElement(By.id(id)).sendKeys(value);
    }
}
