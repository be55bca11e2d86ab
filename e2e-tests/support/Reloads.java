package support;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/** A click that submits a plain form or follows a link: waits until the page it was made on has been replaced. */
public final class Reloads {

    private Reloads() {
    }

    public static void click(WebDriver driver, By locator) {
        WebElement page = driver.findElement(By.tagName("html"));
        Waits.clickable(driver, locator).click();
        Waits.on(driver).until(d -> isStale(page));
        Waits.htmxSettled(driver);
    }

    /** Whether {@code element} has left the page (replaced by a reload or an htmx swap). */
    public static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            // Asked while the old document is being torn down, Chromium answers with an inspector error, not "stale"
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }
}
