package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import support.Reloads;
import support.Waits;

/** An enterprise's bindings: the list with its filters and the search for one full number. */
public class BindingListPage {

    private final WebDriver driver;

    public BindingListPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("bindings"));
    }

    public BindingFormPage newBinding() {
        Reloads.click(driver, By.id("new-binding"));
        return new BindingFormPage(driver);
    }

    public BulkBindingPage bulkBindings() {
        Reloads.click(driver, By.id("bulk-bindings"));
        return new BulkBindingPage(driver);
    }

    /** Finds the bindings of one number; the page's address then holds only the number's keyed hash. */
    public BindingListPage search(String number) {
        driver.findElement(By.id("search-number")).clear();
        driver.findElement(By.id("search-number")).sendKeys(number);
        Reloads.click(driver, By.id("search-submit"));
        Waits.urlContains(driver, "numberHash=");
        return new BindingListPage(driver);
    }

    /** Chooses a status in the filters; htmx swaps the list in place and pushes the address. */
    public BindingListPage status(String status) {
        WebElement list = driver.findElement(By.id("binding-list"));
        new Select(driver.findElement(By.id("filter-status"))).selectByValue(status);
        Waits.on(driver).until(d -> Reloads.isStale(list));
        Waits.htmxSettled(driver);
        Waits.urlContains(driver, "status=" + status);
        return new BindingListPage(driver);
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** The ids of the bindings listed on this page, in order. */
    public List<Long> ids() {
        return driver.findElements(By.cssSelector("#bindings tbody a.binding-link")).stream().map(WebElement::getText)
                .map(String::trim).map(Long::valueOf).toList();
    }

    public String rowText(long id) {
        return driver.findElement(By.id("binding-" + id)).getText();
    }

    public BindingPage open(long id) {
        Reloads.click(driver, By.cssSelector("#binding-" + id + " a.binding-link"));
        return new BindingPage(driver);
    }
}
