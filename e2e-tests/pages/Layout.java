package pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import support.Reloads;
import support.Waits;

/**
 * The frame around every signed-in page, as a person on a phone or a desktop meets it: how wide the page is, the
 * navigation (a sidebar, or folded behind the menu button on a narrow screen), the skip link, and what the keyboard
 * reaches first.
 */
public class Layout {

    private static final By MENU = By.id("menu-toggle");
    private static final By NAVIGATION = By.id("sidenav");

    private final WebDriver driver;

    public Layout(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("main"));
    }

    /** The page's own width against the window's: a page wider than its window scrolls sideways. */
    public record Width(long page, long viewport, long innerWidth) {

        public boolean fits() {
            return page <= viewport && page <= innerWidth;
        }
    }

    /** The document's scroll width, its client width (the window less a scrollbar) and {@code window.innerWidth}. */
    public Width width() {
        List<?> figures = (List<?>) script("var d = document.documentElement; "
                + "return [d.scrollWidth, d.clientWidth, window.innerWidth];");
        return new Width((Long) figures.get(0), (Long) figures.get(1), (Long) figures.get(2));
    }

    /** Whether the element's content is wider than its box, so that it scrolls inside it. */
    public boolean scrollsInside(By element) {
        WebElement box = driver.findElement(element);
        return (Boolean) script("return arguments[0].scrollWidth > arguments[0].clientWidth;", box);
    }

    public boolean navigationShown() {
        return driver.findElement(NAVIGATION).isDisplayed();
    }

    /** The navigation's left edge and width in CSS pixels. */
    public Box navigationBox() {
        WebElement nav = driver.findElement(NAVIGATION);
        return new Box(nav.getRect().getX(), nav.getRect().getWidth());
    }

    public record Box(int x, int width) {
    }

    public boolean menuButtonShown() {
        return driver.findElement(MENU).isDisplayed();
    }

    /** The menu button's {@code aria-expanded}: "true" while the navigation it controls is open. */
    public String menuExpanded() {
        return driver.findElement(MENU).getDomAttribute("aria-expanded");
    }

    public void clickMenu() {
        Waits.clickable(driver, MENU).click();
    }

    /** Presses a key on whatever has the focus. */
    public void press(CharSequence key) {
        new Actions(driver).sendKeys(key).perform();
    }

    /** Reloads the page, tabs from its start {@code times} times and answers what then has the focus. */
    public WebElement tabFromTop(int times) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.navigate().refresh();
        Waits.on(driver).until(d -> Reloads.isStale(page));
        Waits.htmxSettled(driver);
        Actions actions = new Actions(driver);
        for (int i = 0; i < times; i++) {
            actions.sendKeys(Keys.TAB);
        }
        actions.perform();
        return focused();
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Waits until the navigation is shown (true) or hidden (false). */
    public void awaitNavigation(boolean shown) {
        Waits.on(driver).until(d -> d.findElement(NAVIGATION).isDisplayed() == shown);
    }

    /** Follows a navigation link, opening the menu first where the navigation is folded behind it. */
    public void navigate(String navId) {
        if (!navigationShown()) {
            clickMenu();
            awaitNavigation(true);
        }
        Reloads.click(driver, By.id(navId));
    }

    /** The addresses the navigation links to, in order. */
    public List<String> navigationLinks() {
        return driver.findElements(By.cssSelector("#sidenav a")).stream().map(a -> a.getDomAttribute("href")).toList();
    }

    private Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
