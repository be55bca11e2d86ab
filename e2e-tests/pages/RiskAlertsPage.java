package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Reloads;
import support.Waits;

/** The operators' risk alerts, and one alert's page with its actions. */
public class RiskAlertsPage {

    private final WebDriver driver;

    public RiskAlertsPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("risk-alerts"));
    }

    /** Opens the alert of {@code rule} (its label) about {@code subject}; fails when none is listed. */
    public RiskAlertsPage open(String rule, String subject) {
        for (WebElement row : driver.findElements(By.cssSelector("#risk-alerts tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (cells.size() > 3 && cells.get(1).getText().trim().equals(rule) && cells.get(3).getText().trim().equals(subject)) {
                Reloads.click(driver, By.cssSelector("#" + row.getAttribute("id") + " a"));
                Waits.visible(driver, By.id("alert"));
                return this;
            }
        }
        throw new AssertionError("no " + rule + " alert about " + subject);
    }

    public String evidence() {
        return Waits.visible(driver, By.id("evidence")).getText();
    }

    /** On an alert's page: suspends its number for a reason, confirmed, and returns the status shown afterwards. */
    public String suspendNumber(String reason) {
        return suspend("suspend-number", reason, true);
    }

    /**
     * On an alert's page: chooses what to suspend ({@code suspend-number}, {@code suspend-binding}, {@code suspend-tenant}),
     * types the reason (none when null), ticks the confirmation or not, and submits; returns the alert's status shown
     * afterwards (on the page again when something was missing).
     */
    public String suspend(String targetId, String reason, boolean confirm) {
        Waits.clickable(driver, By.id(targetId)).click();
        WebElement box = driver.findElement(By.id("suspendReason"));
        box.clear();
        if (reason != null) {
            box.sendKeys(reason);
        }
        WebElement tick = driver.findElement(By.id("suspend-confirm"));
        if (tick.isSelected() != confirm) {
            tick.click();
        }
        Reloads.click(driver, By.id("suspend"));
        return Waits.visible(driver, By.id("alert-status")).getText();
    }

    /** The problem shown next to a field of the suspend form ({@code suspendReason}, {@code confirm}, {@code target}), or null. */
    public String problem(String field) {
        List<WebElement> found = driver.findElements(By.id(field + "-problem"));
        return found.isEmpty() ? null : found.get(0).getText();
    }

    /** What the suspend form's reason box holds (kept after a refusal). */
    public String typedReason() {
        return driver.findElement(By.id("suspendReason")).getAttribute("value");
    }

    /** The flash notice at the top of the page. */
    public String notice() {
        return Waits.visible(driver, By.cssSelector(".flash.notice")).getText();
    }

    public String action() {
        return Waits.visible(driver, By.id("alert-action")).getText();
    }

    /** Lifts the alert's suspension with a note; returns the notice shown. */
    public String lift(String note) {
        WebElement box = Waits.visible(driver, By.id("liftNote"));
        box.clear();
        box.sendKeys(note);
        Reloads.click(driver, By.id("lift"));
        return notice();
    }
}
