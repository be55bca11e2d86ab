package flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import pages.LoginPage;
import pages.MyNumbersPage;
import pages.NotificationsPage;
import pages.NumberDeskPage;
import pages.Shell;
import pages.TopBar;
import support.E2eTest;

/** An operator suspends one of 快达's numbers; 快达's admin is told in the top bar and the centre, and marks it read. */
class NotificationIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";
    private static final String REASON = "多起营销投诉，暂停核查";

    @Test
    void aSuspensionReachesTheEnterpriseAdminWhoMarksItRead() {
        // 1. the enterprise admin: a number of its pool, and how many notifications are unread now
        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);
        Shell shell = new Shell(driver);
        shell.navigate("nav-my-numbers");
        List<String> pool = new MyNumbersPage(driver).numbers();
        String number = pool.get(pool.size() - 1);
        int unreadBefore = new TopBar(driver).unreadCount();
        shell.signOut();

        // 2. an operator opens that number from the top bar and suspends it
        LoginPage.open(driver, app).signIn("operator", PASSWORD);
        NumberDeskPage page = new TopBar(driver).searchNumber(number);
        page.suspend(REASON);
        assertThat(page.status()).isEqualTo("SUSPENDED");
        shell.signOut();

        // 3. the enterprise admin sees one more unread, finds the notification and marks it read
        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);
        TopBar top = new TopBar(driver);
        assertThat(top.unreadCount()).isEqualTo(unreadBefore + 1);
        NotificationsPage centre = top.openNotifications();
        NotificationsPage.Item told = centre.first(number).orElseThrow();
        assertThat(told.unread()).isTrue();
        assertThat(told.text()).isEqualTo("号码 " + number + " 已被平台暂停：" + REASON);

        NotificationsPage after = centre.markRead(told);
        assertThat(after.first(number).orElseThrow().unread()).isFalse();
        assertThat(new TopBar(driver).unreadCount()).isEqualTo(unreadBefore);
    }
}
