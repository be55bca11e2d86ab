package pages;

import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import support.Waits;

/** The second sign-in step: a code from the authenticator app. */
public class TwoFactorCodePage {

    private final WebDriver driver;

    public TwoFactorCodePage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("code-form"));
    }

    /**
     * Enters codes until one is accepted and waits until sign-in is complete. A code is refused when its step was used
     * already (by an earlier flow, perhaps in another JVM); the supplier then gives a later one.
     */
    public void enter(Supplier<String> codes) {
        for (int attempt = 1; ; attempt++) {
            driver.findElement(By.id("code")).clear();
            driver.findElement(By.id("code")).sendKeys(codes.get());
            WebElement form = driver.findElement(By.id("code-form"));
            driver.findElement(By.id("code-submit")).click();
            Waits.on(driver).until(ExpectedConditions.stalenessOf(form));
            Waits.on(driver).until(d -> !d.getCurrentUrl().contains("/login") || !d.findElements(By.id("code-error")).isEmpty());
            if (!driver.getCurrentUrl().contains("/login") || attempt == 3) {
                return;
            }
        }
    }
}
