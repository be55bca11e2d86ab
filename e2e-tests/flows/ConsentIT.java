package flows;

import static org.assertj.core.api.Assertions.assertThat;
import static support.Mobiles.masked;
import static support.Mobiles.random;

import org.junit.jupiter.api.Test;
import pages.BindingFormPage;
import pages.BindingListPage;
import pages.BindingPage;
import pages.ConsentsPage;
import pages.LoginPage;
import pages.Shell;
import pages.VerificationsPage;
import support.E2eTest;

/**
 * An agent records A's consent on the consents page, binds A to B (the form says A's consent is in force; B's is
 * given on the form), then withdraws A's consent after ticking the confirmation and finds the binding ended.
 */
class ConsentIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";

    @Test
    void anAgentRecordsAConsentBindsTheNumberWithdrawsTheConsentAndTheBindingEnds() {
        String a = random("139");
        String b = random("139");
        LoginPage.open(driver, app).signIn("kuaida-agent", PASSWORD);
        Shell shell = new Shell(driver);

        // the simulator verifies 139 numbers
        shell.navigate("nav-verifications");
        VerificationsPage verifications = new VerificationsPage(driver);
        assertThat(verifications.verify(a)).isEqualTo("已实名");
        assertThat(verifications.verify(b)).isEqualTo("已实名");

        shell.navigate("nav-consents");
        assertThat(new ConsentsPage(driver).record(a, "signup " + a.substring(7))).contains(masked(a));

        shell.navigate("nav-bindings");
        BindingFormPage form = new BindingListPage(driver).newBinding().mode("AXB");
        assertThat(form.number("a", a).checkSays("a", "用户授权在效")).contains(masked(a), "App");
        assertThat(form.number("b", b).checkSays("b", "没有该号码在效的用户授权")).contains(masked(b));
        BindingPage created = form.consentGiven("b", "VOICE", "call " + b.substring(7)).validFor("2", "HOURS").submit();
        long id = created.id();
        assertThat(created.status()).isEqualTo("生效中");

        shell.navigate("nav-consents");
        assertThat(new ConsentsPage(driver).withdraw(masked(a))).contains(masked(a), "解除了 1 个在用绑定");

        driver.get(app.url("/bindings/" + id));
        BindingPage ended = new BindingPage(driver);
        assertThat(ended.status()).isEqualTo("已解绑");
        assertThat(ended.canUnbind()).isFalse();
        assertThat(ended.timelineText()).contains("解除绑定");
    }
}
