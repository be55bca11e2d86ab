package support;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Explicit waits; {@link #htmxSettled} covers htmx swaps, which never trigger a page load. */
public final class Waits {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final String HTMX_IDLE =
            "return document.readyState === 'complete' && document.querySelectorAll('.htmx-request').length === 0";

    private Waits() {
    }

    public static WebDriverWait on(WebDriver driver) {
        return new WebDriverWait(driver, DEFAULT_TIMEOUT);
    }

    public static WebElement visible(WebDriver driver, By locator) {
        return on(driver).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public static WebElement clickable(WebDriver driver, By locator) {
        return on(driver).until(ExpectedConditions.elementToBeClickable(locator));
    }

    public static void textPresent(WebDriver driver, By locator, String text) {
        on(driver).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    public static void urlContains(WebDriver driver, String fraction) {
        on(driver).until(ExpectedConditions.urlContains(fraction));
    }

    public static void htmxSettled(WebDriver driver) {
        on(driver).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(HTMX_IDLE)));
    }
}
