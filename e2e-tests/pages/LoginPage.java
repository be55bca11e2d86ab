package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import support.PortalApp;
import support.TotpCodes;
import support.Waits;

public class LoginPage {

    /** The demo operators' authenticator key, published in README.md and printed at start. */
    public static final String DEMO_TOTP_SECRET = "DEMOTOTPSECRETPUBLISHEDINREADME2";
    private static final List<String> DEMO_OPERATORS = List.of("operator", "reviewer", "auditor");

    private final WebDriver driver;

    public LoginPage(WebDriver driver) {
        this.driver = driver;
    }

    public static LoginPage open(WebDriver driver, PortalApp app) {
        driver.get(app.url("/login"));
        Waits.visible(driver, By.id("login-form"));
        return new LoginPage(driver);
    }

    /**
     * Signs in and waits until the browser is past sign-in; a demo operator's second step is done with the published
     * demo key.
     */
    public void signIn(String username, String password) {
        submitPassword(username, password);
        if (DEMO_OPERATORS.contains(username)) {
            new TwoFactorCodePage(driver).enter(() -> TotpCodes.next(DEMO_TOTP_SECRET));
        }
    }

    /** Signs in a user whose authenticator has the given key. */
    public void signIn(String username, String password, String totpSecret) {
        submitPassword(username, password);
        new TwoFactorCodePage(driver).enter(() -> TotpCodes.next(totpSecret));
    }

    /** Sends the password and waits until the browser has left the login form (for the next page or step). */
    public void submitPassword(String username, String password) {
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        Waits.on(driver).until(d -> !d.getCurrentUrl().matches(".*/login(\\?.*)?$"));
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
