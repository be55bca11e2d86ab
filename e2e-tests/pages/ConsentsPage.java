package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Reloads;
import support.Waits;

/** An enterprise's consents: the form that records one number's consent, the list's withdrawal, and their notices. */
public class ConsentsPage {

    private final WebDriver driver;

    public ConsentsPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("consent-form"));
    }

    /** Records the number's consent (channel App) and answers the notice shown. */
    public String record(String mobile, String evidence) {
        driver.findElement(By.id("mobile")).clear();
        driver.findElement(By.id("mobile")).sendKeys(mobile);
        driver.findElement(By.id("evidence")).clear();
        driver.findElement(By.id("evidence")).sendKeys(evidence);
        Reloads.click(driver, By.id("consent-record"));
        return notice();
    }

    /**
     * Withdraws the consent in force of the number shown {@code masked}: ticks the row's confirmation, then its
     * withdraw button, and answers the notice (which says how many bindings ended).
     */
    public String withdraw(String masked) {
        WebElement row = driver.findElements(By.cssSelector("#consents tbody tr")).stream()
                .filter(tr -> tr.getText().contains(masked) && !tr.findElements(By.cssSelector("button.danger")).isEmpty())
                .findFirst().orElseThrow(() -> new IllegalStateException("no consent in force for " + masked));
        String id = row.getDomAttribute("id").substring("consent-".length());
        Waits.clickable(driver, By.id("confirm-" + id)).click();
        Reloads.click(driver, By.id("withdraw-" + id));
        return notice();
    }

    private String notice() {
        return Waits.visible(driver, By.cssSelector(".flash.notice")).getText().trim();
    }
}
