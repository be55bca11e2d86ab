package flows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pages.LoginPage;
import pages.PasswordPage;
import pages.Shell;
import pages.TwoFactorEnrolPage;
import pages.UsersPage;
import support.E2eTest;
import support.TotpCodes;

/** A new operator enrols an authenticator right after the password, signs out, and signs in again with a code. */
class TwoFactorIT extends E2eTest {

    @Test
    void anOperatorEnrolsAnAuthenticatorAndSignsInWithACode() {
        String username = "e2e-reviewer-" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

        LoginPage.open(driver, app).signIn("operator", "demo700-portal");
        Shell shell = new Shell(driver);
        shell.navigate("nav-operator-users");
        String oneTimePassword = new UsersPage(driver).createUser(username, "二步审核员", "OPERATOR_REVIEWER");
        shell.signOut();

        LoginPage.open(driver, app).submitPassword(username, oneTimePassword);
        TwoFactorEnrolPage enrol = new TwoFactorEnrolPage(driver);
        assertThat(enrol.showsQrCode()).isTrue();
        String secret = enrol.secret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(enrol.confirm(TotpCodes.next(secret))).hasSize(10).allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        enrol.continueAfterSavingCodes();

        // a one-time password still has to be replaced, now that the second factor is in place
        new PasswordPage(driver).change(oneTimePassword, "reviewer-own-password-2026");
        assertThat(shell.currentUser()).isEqualTo(username);
        shell.signOut();

        LoginPage.open(driver, app).signIn(username, "reviewer-own-password-2026", secret);
        assertThat(shell.currentUser()).isEqualTo(username);
    }
}
