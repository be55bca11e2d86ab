package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import support.Waits;

/** What every signed-in page has: the signed-in user's name, the navigation and the sign-out button. */
public class Shell {

    private final WebDriver driver;

    public Shell(WebDriver driver) {
        this.driver = driver;
    }

    public String currentUser() {
        return Waits.visible(driver, By.id("current-user")).getText();
    }

    public void navigate(String navId) {
        Waits.clickable(driver, By.id(navId)).click();
        Waits.htmxSettled(driver);
    }

    public void signOut() {
        Waits.clickable(driver, By.id("logout")).click();
        Waits.urlContains(driver, "/login?logout");
    }
}
