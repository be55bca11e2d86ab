package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Waits;

/** Setting up the authenticator: the QR code, the same key as text, and a first code to confirm it. */
public class TwoFactorEnrolPage {

    private final WebDriver driver;

    public TwoFactorEnrolPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("enrol-form"));
    }

    public boolean showsQrCode() {
        WebElement qr = driver.findElement(By.id("totp-qr"));
        return qr.getAttribute("src").startsWith("data:image/svg+xml") && qr.isDisplayed();
    }

    /** The key as the page shows it for typing into an app. */
    public String secret() {
        return driver.findElement(By.id("totp-secret")).getText().replace(" ", "");
    }

    /** Confirms with a code; the recovery codes come next. */
    public List<String> confirm(String code) {
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.id("enrol-submit")).click();
        Waits.visible(driver, By.id("recovery-codes"));
        return driver.findElements(By.cssSelector("#recovery-codes li")).stream().map(WebElement::getText).toList();
    }

    /** Leaves the recovery codes page for wherever sign-in goes next. */
    public void continueAfterSavingCodes() {
        Waits.clickable(driver, By.id("recovery-continue")).click();
        Waits.on(driver).until(d -> !d.getCurrentUrl().contains("/login"));
    }
}
