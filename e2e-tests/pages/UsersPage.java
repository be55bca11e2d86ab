package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import support.Waits;

/** An enterprise admin's user list and its create form. */
public class UsersPage {

    private final WebDriver driver;

    public UsersPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("users-table"));
    }

    public String createUser(String username, String displayName, String roleValue) {
        Waits.clickable(driver, By.id("new-user")).click();
        Waits.visible(driver, By.id("user-form"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("displayName")).sendKeys(displayName);
        new Select(driver.findElement(By.id("role"))).selectByValue(roleValue);
        driver.findElement(By.id("save-user")).click();
        return Waits.visible(driver, By.id("one-time-password")).getText().trim();
    }

    public UsersPage backToList() {
        Waits.clickable(driver, By.id("to-users")).click();
        return new UsersPage(driver);
    }

    public UsersPage search(String text) {
        WebElement q = driver.findElement(By.id("q"));
        q.clear();
        q.sendKeys(text);
        Waits.on(driver).until(d -> d.getCurrentUrl().contains("q="));
        Waits.htmxSettled(driver);
        return this;
    }

    public List<String> usernames() {
        return driver.findElements(By.cssSelector("#users-table tbody td.mono a")).stream().map(WebElement::getText).toList();
    }
}
