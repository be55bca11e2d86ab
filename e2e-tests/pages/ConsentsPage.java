package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import support.Reloads;
import support.Waits;

/** An enterprise's consents: the form that records one number's consent, and the notice it answers with. */
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
        return Waits.visible(driver, By.cssSelector(".flash.notice")).getText().trim();
    }
}
