package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import support.Reloads;
import support.Waits;

/** An enterprise's real-name checks: the form that checks one number, and its result. */
public class VerificationsPage {

    private final WebDriver driver;

    public VerificationsPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("verify-form"));
    }

    /** Checks a number (mobile only, two elements) and answers the outcome as shown. */
    public String verify(String mobile) {
        driver.findElement(By.id("mobile")).clear();
        driver.findElement(By.id("mobile")).sendKeys(mobile);
        Reloads.click(driver, By.id("verify"));
        return Waits.visible(driver, By.id("result-outcome")).getText().trim();
    }

    public String resultMobile() {
        return driver.findElement(By.id("result-mobile")).getText().trim();
    }
}
