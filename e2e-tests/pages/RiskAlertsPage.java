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

    /** On an alert's page: suspends its number and returns the status shown afterwards. */
    public String suspendNumber() {
        Reloads.click(driver, By.id("suspend-number"));
        return Waits.visible(driver, By.id("alert-status")).getText();
    }
}
