package flows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pages.CheckPage;
import pages.LoginPage;
import pages.MyNumbersPage;
import pages.RiskAlertsPage;
import pages.Shell;
import support.E2eTest;

/**
 * Suspending a whole enterprise from an alert asks for a reason and a ticked confirmation: without them the page says
 * what is missing and nothing happens; with them the enterprise is suspended (its admin can no longer sign in) and the
 * operator reads the result on the alert. Lifting the alert's suspension with a note brings the enterprise back.
 */
class EnterpriseSuspensionIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";

    @Test
    void anOperatorSuspendsAnEnterpriseFromAnAlertOnlyWithAReasonAndConfirmationThenLiftsIt() {
        // 0. an unused number of 快达 (not the X of a binding that another flow complains about)
        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);
        driver.get(app.url("/numbers?state=AVAILABLE"));
        String shownX = new MyNumbersPage(driver).numbers().get(7);
        String x = shownX.replace(" ", "");
        new Shell(driver).signOut();

        // 1. three citizens complain about it: the complaints rule raises an alert about the number and its enterprise
        CheckPage check = CheckPage.open(driver, app).check(x);
        for (int i = 0; i < 3; i++) {
            assertThat(check.fileComplaint(x, "MARKETING", "推销电话 " + i + " " + System.nanoTime())).startsWith("TS-");
        }

        // 2. the operator chooses to suspend the enterprise, but without a reason or the confirmation nothing happens
        LoginPage.open(driver, app).signIn("operator", PASSWORD);
        Shell shell = new Shell(driver);
        shell.navigate("nav-risk-alerts");
        RiskAlertsPage alert = new RiskAlertsPage(driver).open("投诉过多", x);
        assertThat(alert.suspend("suspend-tenant", null, false)).isEqualTo("待处理");
        assertThat(alert.problem("suspendReason")).isEqualTo("请填写暂停原因。");
        assertThat(alert.problem("confirm")).isEqualTo("请勾选确认。");
        assertThat(alert.suspend("suspend-tenant", "三起营销投诉，暂停企业核查", false)).isEqualTo("待处理");
        assertThat(alert.problem("suspendReason")).isNull();
        assertThat(alert.problem("confirm")).isEqualTo("请勾选确认。");
        assertThat(alert.typedReason()).isEqualTo("三起营销投诉，暂停企业核查");

        // 3. with both, the enterprise is suspended, and the alert says so where the operator is
        assertThat(alert.suspend("suspend-tenant", "三起营销投诉，暂停企业核查", true)).isEqualTo("已处置");
        assertThat(alert.notice()).contains("已暂停该企业");
        assertThat(alert.action()).isEqualTo("企业已暂停");
        shell.signOut();
        assertThat(LoginPage.open(driver, app).signInRefused("kuaida-admin", PASSWORD)).contains("已被暂停");

        // 4. the operator lifts the alert's suspension with a note; the enterprise's admin signs in again
        LoginPage.open(driver, app).signIn("operator", PASSWORD);
        shell = new Shell(driver);
        shell.navigate("nav-risk-alerts");
        alert = new RiskAlertsPage(driver).open("投诉过多", x);
        assertThat(alert.lift("核查完毕，投诉为误会")).isEqualTo("已解除暂停。");
        assertThat(alert.action()).isEqualTo("企业已解除暂停");
        shell.signOut();
        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);
        assertThat(new Shell(driver).currentUser()).isEqualTo("kuaida-admin");
    }
}
