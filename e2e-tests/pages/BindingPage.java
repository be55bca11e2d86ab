package pages;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import support.Reloads;
import support.Waits;

/** One binding: its status, facts and timeline, and the forms that change or end it. */
public class BindingPage {

    private static final Pattern BINDING_URL = Pattern.compile("/bindings/(\\d+)(?:[?#].*)?$");

    private final WebDriver driver;

    public BindingPage(WebDriver driver) {
        this.driver = driver;
        Waits.on(driver).until(d -> BINDING_URL.matcher(d.getCurrentUrl()).find());
        Waits.visible(driver, By.id("binding-status"));
    }

    public long id() {
        Matcher matcher = BINDING_URL.matcher(driver.getCurrentUrl());
        if (!matcher.find()) {
            throw new IllegalStateException("not a binding page: " + driver.getCurrentUrl());
        }
        return Long.parseLong(matcher.group(1));
    }

    public String status() {
        return driver.findElement(By.id("binding-status")).getText().trim();
    }

    public String fact(String name) {
        return driver.findElement(By.id("binding-" + name)).getText().trim();
    }

    public String notice() {
        return Waits.visible(driver, By.cssSelector(".flash.notice")).getText().trim();
    }

    public String timelineText() {
        return driver.findElement(By.id("timeline")).getText();
    }

    public boolean canUnbind() {
        return !driver.findElements(By.id("unbind-form")).isEmpty();
    }

    /** Ticks the confirmation and unbinds; the page comes back with the binding ended. */
    public BindingPage unbind() {
        Waits.clickable(driver, By.id("confirm")).click();
        Reloads.click(driver, By.id("unbind"));
        return new BindingPage(driver);
    }
}
