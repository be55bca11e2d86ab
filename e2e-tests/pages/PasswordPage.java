package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import support.Waits;

public class PasswordPage {

    private final WebDriver driver;

    public PasswordPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("password-form"));
    }

    public boolean isForced() {
        return !driver.findElements(By.id("password-forced")).isEmpty();
    }

    public void change(String current, String next) {
        driver.findElement(By.id("currentPassword")).sendKeys(current);
        driver.findElement(By.id("newPassword")).sendKeys(next);
        driver.findElement(By.id("confirmPassword")).sendKeys(next);
        driver.findElement(By.id("save-password")).click();
        Waits.on(driver).until(d -> !d.getCurrentUrl().contains("/account/password"));
    }
}
