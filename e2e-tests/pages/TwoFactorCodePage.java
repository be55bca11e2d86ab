package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import support.Waits;

/** The second sign-in step: a code from the authenticator app. */
public class TwoFactorCodePage {

    private final WebDriver driver;

    public TwoFactorCodePage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("code-form"));
    }

    /** Enters the code and waits until sign-in is complete. */
    public void enter(String code) {
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.id("code-submit")).click();
        Waits.on(driver).until(d -> !d.getCurrentUrl().contains("/login"));
    }
}
