package flows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import pages.LoginPage;
import pages.PasswordPage;
import pages.Shell;
import pages.TenantFormPage;
import pages.UsersPage;
import support.E2eTest;
import support.Waits;

/** An operator onboards an enterprise; its first admin sets a password and creates an agent. */
class OnboardingIT extends E2eTest {

    @Test
    void operatorOnboardsAnEnterpriseWhoseAdminCreatesAnAgent() {
        String suffix = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        String adminUsername = "e2e-admin-" + suffix;

        LoginPage.open(driver, app).signIn("operator", "demo700-portal");
        Shell shell = new Shell(driver);
        assertThat(shell.currentUser()).isEqualTo("operator");
        shell.navigate("nav-tenants");
        Waits.clickable(driver, By.id("new-tenant")).click();

        TenantFormPage form = new TenantFormPage(driver);
        // first a wrong check character: refused next to the field, nothing lost
        String valid = validCreditCode(suffix);
        String wrongCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        form.fill("速达同城配送有限公司", wrongCheck, "LOCAL_SERVICES", "30000", "赵六", "+86 139 1234 5678",
                adminUsername, "速达管理员");
        driver.findElement(By.id("save-tenant")).click();
        assertThat(new TenantFormPage(driver).fieldError("creditCode")).contains("校验位不正确");
        assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("速达同城配送有限公司");

        String oneTimePassword = new TenantFormPage(driver)
                .fill("速达同城配送有限公司", valid, "LOCAL_SERVICES", "30000", "赵六",
                        "+86 139 1234 5678", adminUsername, "速达管理员")
                .saveAndReadOneTimePassword();
        assertThat(oneTimePassword).hasSize(14);
        shell.signOut();

        LoginPage.open(driver, app).signIn(adminUsername, oneTimePassword);
        PasswordPage password = new PasswordPage(driver);
        assertThat(password.isForced()).isTrue();
        password.change(oneTimePassword, "my-own-password-2026");

        shell.navigate("nav-users");
        UsersPage users = new UsersPage(driver);
        String agentPassword = users.createUser("e2e-agent-" + suffix, "速达坐席", "ENTERPRISE_AGENT");
        assertThat(agentPassword).hasSize(14);
        users = users.backToList().search("e2e-agent");
        assertThat(users.usernames()).containsExactly("e2e-agent-" + suffix);
    }

    /** 17 characters derived from the run's suffix, plus the GB 32100 check character computed here independently. */
    private static String validCreditCode(String suffix) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        StringBuilder first17 = new StringBuilder("92310000");
        String digits = Long.toString(Math.abs(suffix.hashCode()) % 1_000_000_000L);
        first17.append("0".repeat(9 - digits.length())).append(digits);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(first17.charAt(i)) * weights[i];
        }
        return first17.toString() + alphabet.charAt((31 - sum % 31) % 31);
    }
}
