package flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import pages.BindingFormPage;
import pages.BindingListPage;
import pages.CallRecordsPage;
import pages.Layout;
import pages.LoginPage;
import support.Browser;
import support.E2eTest;
import support.Waits;

/**
 * A tenant admin on a phone (a viewport 390 px wide) and on a desktop (1,400 px) goes through the everyday pages:
 * the dashboard, the bindings list, the binding form and the call records. On the phone no page is wider than the
 * screen (a wide table scrolls inside its own box), the navigation folds behind a menu button that the keyboard
 * reaches and that says whether it is open, and the form is one column; on the desktop the sidebar stays.
 */
class ResponsiveLayoutIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";
    private static final int PHONE = 390;
    private static final int DESKTOP = 1400;

    @Test
    void onAPhoneTheEverydayPagesFitTheScreenAndTheNavigationFoldsBehindTheMenuButton() {
        Browser.viewport(driver, PHONE, 844);
        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);

        // the dashboard: as wide as the screen, navigation folded, the menu button closed
        Layout dashboard = new Layout(driver);
        assertThat(dashboard.width().innerWidth()).isEqualTo(PHONE);
        assertThat(dashboard.width().fits()).as("dashboard %s", dashboard.width()).isTrue();
        assertThat(dashboard.navigationShown()).isFalse();
        assertThat(dashboard.menuButtonShown()).isTrue();
        assertThat(dashboard.menuExpanded()).isEqualTo("false");

        // the keyboard meets the skip link first, then the menu button; Enter opens it, Escape closes it
        WebElement first = dashboard.tabFromTop(1);
        assertThat(first.getText()).isEqualTo("跳到主要内容");
        assertThat(first.getDomAttribute("href")).isEqualTo("#main");
        WebElement second = dashboard.tabFromTop(2);
        assertThat(second.getDomAttribute("id")).isEqualTo("menu-toggle");
        dashboard.press(Keys.ENTER);
        dashboard.awaitNavigation(true);
        assertThat(dashboard.menuExpanded()).isEqualTo("true");
        assertThat(dashboard.width().fits()).as("dashboard with the menu open %s", dashboard.width()).isTrue();
        dashboard.press(Keys.ESCAPE);
        dashboard.awaitNavigation(false);
        assertThat(dashboard.menuExpanded()).isEqualTo("false");
        assertThat(dashboard.focused().getDomAttribute("id")).isEqualTo("menu-toggle");
        // a click opens and closes it too
        dashboard.clickMenu();
        dashboard.awaitNavigation(true);
        dashboard.clickMenu();
        dashboard.awaitNavigation(false);
        assertThat(dashboard.menuExpanded()).isEqualTo("false");

        // the skip link moves the focus to the page's own content
        dashboard.tabFromTop(1);
        dashboard.press(Keys.ENTER);
        Waits.on(driver).until(d -> "main".equals(d.switchTo().activeElement().getDomAttribute("id")));

        // the bindings list, reached through the menu: the table scrolls inside its box, not the page
        dashboard.navigate("nav-bindings");
        BindingListPage bindings = new BindingListPage(driver);
        Layout list = new Layout(driver);
        assertThat(list.navigationShown()).as("the menu is closed on the next page").isFalse();
        assertThat(list.width().fits()).as("bindings %s", list.width()).isTrue();
        assertThat(list.scrollsInside(By.id("bindings"))).isTrue();
        // ... and still after htmx has swapped the list for a filtered one
        bindings.status("ACTIVE");
        assertThat(list.width().fits()).as("filtered bindings %s", list.width()).isTrue();
        assertThat(list.scrollsInside(By.id("bindings"))).isTrue();

        // the binding form: one column, each field as wide as the form
        BindingFormPage form = bindings.newBinding();
        Layout formPage = new Layout(driver);
        assertThat(formPage.width().fits()).as("binding form %s", formPage.width()).isTrue();
        Rectangle whole = form.box("binding-form");
        Rectangle a = form.box("a");
        Rectangle b = form.box("b");
        assertThat(a.getX()).isEqualTo(b.getX());
        assertThat(b.getY()).isGreaterThan(a.getY() + a.getHeight());
        assertThat(a.getWidth()).isGreaterThan(whole.getWidth() * 3 / 4);
        assertThat(whole.getX() + whole.getWidth()).isLessThanOrEqualTo(PHONE);

        // the call records: filters and a wide table, the page no wider than the screen
        formPage.navigate("nav-calls");
        new CallRecordsPage(driver);
        Layout calls = new Layout(driver);
        assertThat(calls.width().fits()).as("call records %s", calls.width()).isTrue();
        assertThat(calls.scrollsInside(By.id("calls"))).isTrue();
    }

    @Test
    void onADesktopTheSamePagesKeepTheSidebarAndFit() {
        Browser.viewport(driver, DESKTOP, 1000);
        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);

        Layout dashboard = new Layout(driver);
        assertThat(dashboard.width().innerWidth()).isEqualTo(DESKTOP);
        assertSidebar(dashboard, "dashboard");

        dashboard.navigate("nav-bindings");
        BindingListPage bindings = new BindingListPage(driver);
        assertSidebar(new Layout(driver), "bindings");

        bindings.newBinding();
        assertSidebar(new Layout(driver), "binding form");

        new Layout(driver).navigate("nav-calls");
        new CallRecordsPage(driver);
        assertSidebar(new Layout(driver), "call records");
    }

    /** Every page of the menu, for an operator and a tenant admin, fits a phone's screen. */
    @ParameterizedTest
    @ValueSource(strings = {"operator", "kuaida-admin"})
    void onAPhoneEveryPageOfTheMenuFitsTheScreen(String username) {
        Browser.viewport(driver, PHONE, 844);
        LoginPage.open(driver, app).signIn(username, PASSWORD);

        List<String> pages = new Layout(driver).navigationLinks();
        assertThat(pages).hasSizeGreaterThan(10);
        List<String> tooWide = new ArrayList<>();
        for (String page : pages) {
            driver.get(app.url(page));
            Waits.htmxSettled(driver);
            Layout layout = new Layout(driver);
            if (!layout.width().fits()) {
                tooWide.add(page + " " + layout.width());
            }
        }
        assertThat(tooWide).as("pages wider than a %d px screen", PHONE).isEmpty();
    }

    private static void assertSidebar(Layout page, String name) {
        assertThat(page.width().fits()).as("%s %s", name, page.width()).isTrue();
        assertThat(page.navigationShown()).as("%s shows the sidebar", name).isTrue();
        assertThat(page.navigationBox().x()).isZero();
        assertThat(page.navigationBox().width()).isBetween(150, 300);
        assertThat(page.menuButtonShown()).as("%s hides the menu button", name).isFalse();
    }
}
