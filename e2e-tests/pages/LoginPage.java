package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import support.PortalApp;
import support.Waits;

public class LoginPage {

    private final WebDriver driver;

    public LoginPage(WebDriver driver) {
        this.driver = driver;
    }

    public static LoginPage open(WebDriver driver, PortalApp app) {
        driver.get(app.url("/login"));
        Waits.visible(driver, By.id("login-form"));
        return new LoginPage(driver);
    }

    /** Signs in and waits until the browser has left the login page. */
    public void signIn(String username, String password) {
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        Waits.on(driver).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Tries to sign in and returns the refusal the login page shows. */
    public String signInRefused(String username, String password) {
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        return Waits.visible(driver, By.id("login-error")).getText();
    }
}
