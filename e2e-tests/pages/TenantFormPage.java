package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import support.Waits;

public class TenantFormPage {

    private final WebDriver driver;

    public TenantFormPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("tenant-form"));
    }

    public TenantFormPage fill(String name, String creditCode, String categoryValue, String volume, String contact,
            String mobile, String adminUsername, String adminName) {
        type("name", name);
        type("creditCode", creditCode);
        new Select(driver.findElement(By.id("category"))).selectByValue(categoryValue);
        type("dailyOrderVolume", volume);
        type("contactName", contact);
        type("contactMobile", mobile);
        type("adminUsername", adminUsername);
        type("adminDisplayName", adminName);
        return this;
    }

    /** Saves and returns the one-time password the confirmation page shows once. */
    public String saveAndReadOneTimePassword() {
        driver.findElement(By.id("save-tenant")).click();
        return Waits.visible(driver, By.id("one-time-password")).getText().trim();
    }

    public String fieldError(String field) {
        return Waits.visible(driver, By.cssSelector("#" + field + " ~ .field-error")).getText();
    }

    private void type(String id, String value) {
        driver.findElement(By.id(id)).clear();
        driver.findElement(By.id(id)).sendKeys(value);
    }
}
