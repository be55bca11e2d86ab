package flows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pages.CallRecordsPage;
import pages.LoginPage;
import pages.NumberDeskPage;
import pages.Shell;
import pages.TopBar;
import support.E2eTest;

/** An operator finds a number from the top bar, sees what concerns it and suspends it there, staying on it. */
class NumberDeskIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";
    private static final String REASON = "用户投诉营销来电";

    @Test
    void anOperatorSearchesANumberFromTheTopBarAndSuspendsItInPlace() {
        // a number 快达 has calls on (read from its own call records)
        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);
        Shell shell = new Shell(driver);
        shell.navigate("nav-calls");
        String shown = new CallRecordsPage(driver).rows().get(0).x();
        String digits = shown.replace(" ", "");
        shell.signOut();

        LoginPage.open(driver, app).signIn("operator", PASSWORD);
        TopBar top = new TopBar(driver);
        assertThat(top.searchExpectingProblem("700 1234")).contains("“700 1234”不是 15 位 700 号码");

        // typed with dashes, as read off a complaint
        NumberDeskPage page = top.searchNumber(digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-"
                + digits.substring(7, 11) + "-" + digits.substring(11));
        assertThat(page.currentUrl()).endsWith("/operator/numbers/" + digits);
        assertThat(page.title()).contains(shown);
        assertThat(page.holder()).isEqualTo("快达物流有限公司");
        assertThat(page.status()).isEqualTo("AVAILABLE");
        assertThat(page.bindingRows()).isPositive();
        assertThat(page.callRows()).isPositive();

        // no confirmation ticked: refused next to the form, the reason kept, nothing changed
        assertThat(page.suspendUnconfirmed(REASON)).isEqualTo("请勾选确认后再提交。");
        assertThat(page.typedReason("suspend")).isEqualTo(REASON);
        assertThat(page.status()).isEqualTo("AVAILABLE");

        page.suspend(REASON);
        assertThat(page.currentUrl()).endsWith("/operator/numbers/" + digits);
        assertThat(page.notice()).isEqualTo("号码已暂停。");
        assertThat(page.status()).isEqualTo("SUSPENDED");
        assertThat(page.suspendedReason()).isEqualTo(REASON);

        // leave the shared demo number as it was for the other flows
        page.lift("核查完毕，投诉不成立");
        assertThat(page.status()).isEqualTo("AVAILABLE");
        assertThat(page.notice()).isEqualTo("号码暂停已解除。");
    }
}
