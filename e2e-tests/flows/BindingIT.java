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
 * An agent verifies two numbers, records their users' consents, binds them on one of the tenant's 700 numbers, finds
 * the binding and unbinds it.
 */
class BindingIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";

    @Test
    void anAgentBindsTwoVerifiedNumbersFindsTheBindingAndUnbindsIt() {
        String a = random("139");
        String b = random("139");
        LoginPage.open(driver, app).signIn("kuaida-agent", PASSWORD);
        Shell shell = new Shell(driver);
        assertThat(shell.currentUser()).isEqualTo("kuaida-agent");

        // 1. both numbers get a real-name check (the simulator verifies 139 numbers)
        shell.navigate("nav-verifications");
        VerificationsPage verifications = new VerificationsPage(driver);
        assertThat(verifications.verify(a)).isEqualTo("已实名");
        assertThat(verifications.resultMobile()).isEqualTo(masked(a));
        assertThat(verifications.verify(b)).isEqualTo("已实名");

        // 1b. each user's consent is on record before their number is bound
        shell.navigate("nav-consents");
        ConsentsPage consents = new ConsentsPage(driver);
        assertThat(consents.record(a, "signup a")).contains(masked(a));
        assertThat(new ConsentsPage(driver).record(b, "signup b")).contains(masked(b));

        // 2. the form checks each number as it is typed, then the binding is created on an X chosen for it
        shell.navigate("nav-bindings");
        BindingFormPage form = new BindingListPage(driver).newBinding().mode("AXB");
        assertThat(form.number("a", a).checkSays("a", "已实名")).contains(masked(a));
        assertThat(form.number("b", b).checkSays("b", "已实名")).contains(masked(b));
        BindingPage created = form.validFor("2", "HOURS").submit();
        long id = created.id();
        assertThat(created.notice()).contains("绑定已创建");
        assertThat(created.status()).isEqualTo("生效中");
        assertThat(created.fact("a")).isEqualTo(masked(a));
        assertThat(created.fact("b")).isEqualTo(masked(b));
        assertThat(created.fact("x")).startsWith("700 ");
        assertThat(created.timelineText()).contains("创建绑定", "kuaida-agent");

        // 3. the list finds it by its A number, through the number's hash: the address never holds the number
        shell.navigate("nav-bindings");
        BindingListPage found = new BindingListPage(driver).search(a);
        assertThat(found.currentUrl()).doesNotContain(a);
        assertThat(found.ids()).containsExactly(id);
        assertThat(found.rowText(id)).contains(masked(a), masked(b), "生效中");

        // 4. opened from the list and unbound after ticking the confirmation
        BindingPage opened = found.open(id);
        assertThat(opened.canUnbind()).isTrue();
        BindingPage unbound = opened.unbind();
        assertThat(unbound.id()).isEqualTo(id);
        assertThat(unbound.status()).isEqualTo("已解绑");
        assertThat(unbound.notice()).contains("绑定已解除");
        assertThat(unbound.canUnbind()).isFalse();
        assertThat(unbound.timelineText()).contains("解除绑定");
    }
}
