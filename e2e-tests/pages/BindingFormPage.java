package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import support.Reloads;
import support.Waits;

/** The form for a new binding, with the live check under each real number. */
public class BindingFormPage {

    private final WebDriver driver;

    public BindingFormPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("binding-form"));
    }

    public BindingFormPage mode(String mode) {
        new Select(driver.findElement(By.id("mode"))).selectByValue(mode);
        return this;
    }

    /** Types a real number ({@code a}, {@code b} or {@code n}); the live check under it answers as it is typed. */
    public BindingFormPage number(String field, String number) {
        type(field, number);
        return this;
    }

    /** Waits until the live check under the field says {@code text}, and answers all it says. */
    public String checkSays(String field, String text) {
        Waits.textPresent(driver, By.id(field + "-check"), text);
        return driver.findElement(By.id(field + "-check")).getText().trim();
    }

    /**
     * Ticks that the person of party {@code a} or {@code b} consented, with the channel and evidence: the consent is
     * recorded with the binding.
     */
    public BindingFormPage consentGiven(String party, String channel, String evidence) {
        String box = "consent" + party.toUpperCase(java.util.Locale.ROOT);
        Waits.clickable(driver, By.id(box)).click();
        new Select(driver.findElement(By.id(box + "Channel"))).selectByValue(channel);
        type(box + "Evidence", evidence);
        return this;
    }

    public BindingFormPage validFor(String amount, String unit) {
        type("validity", amount);
        new Select(driver.findElement(By.id("unit"))).selectByValue(unit);
        return this;
    }

    public BindingPage submit() {
        Waits.htmxSettled(driver);
        Reloads.click(driver, By.id("create-binding"));
        return new BindingPage(driver);
    }

    /** Where a field ({@code a}, {@code b}, {@code x}, ...) and the form sit on the page, in CSS pixels. */
    public Rectangle box(String id) {
        return driver.findElement(By.id(id)).getRect();
    }

    private void type(String id, String value) {
        driver.findElement(By.id(id)).clear();
        driver.findElement(By.id(id)).sendKeys(value);
    }
}
