package pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Waits;

/** One of the tenant's own number requests: its status badge, facts and timeline. */
public class MyRequestPage {

    private final WebDriver driver;

    public MyRequestPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("request-status"));
        Waits.visible(driver, By.id("timeline"));
    }

    public long requestId() {
        return NumberRequestPage.requestIdFromUrl(driver.getCurrentUrl());
    }

    public String status() {
        return driver.findElement(By.id("request-status")).getText().trim();
    }

    public int timelineSteps() {
        return driver.findElements(By.cssSelector("#timeline > li")).size();
    }

    public String timelineText() {
        return driver.findElement(By.id("timeline")).getText();
    }

    public boolean canWithdraw() {
        return !driver.findElements(By.id("withdraw")).stream().filter(WebElement::isDisplayed).toList().isEmpty();
    }
}
