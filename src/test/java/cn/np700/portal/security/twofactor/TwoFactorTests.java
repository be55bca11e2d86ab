package cn.np700.portal.security.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.TestLogins;
import cn.np700.portal.security.TestTotp;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.TestTenants;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Two-factor sign-in through the real form, session (Spring Session in the database) and filter chain; the enrolment
 * with its recovery codes stored, replaced and removed whole.
 */
@PortalIntegrationTest
class TwoFactorTests {

    private static final String PASSWORD = "a-long-password-1";
    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\"[^>]*>([A-Z2-7 ]+)<");
    private static final Pattern CODE = Pattern.compile("<li>([a-z2-9]{5}-[a-z2-9]{5})</li>");
    /** Enrolments stored without an account: the enrolment aggregate alone. */
    private static final AtomicLong STORE_ONLY_USERS = new AtomicLong(System.nanoTime() % 1_000_000_000L + 8_000_000_000L);

    @Autowired
    MockMvc mvc;
    @Autowired
    TestTenants tenants;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TotpEnrolments enrolments;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anOperatorWithoutAnAuthenticatorEnrolsRightAfterThePasswordAndReachesNothingElseBefore() throws Exception {
        String username = operator(Role.OPERATOR_REVIEWER);
        Cookie pending = password(username);
        mvc.perform(get("/login/code").cookie(pending)).andExpect(redirectedUrl("/login/enrol"));
        mvc.perform(get("/operator/tenants").cookie(pending)).andExpect(redirectedUrl("/login/code"));
        mvc.perform(get("/").cookie(pending)).andExpect(redirectedUrl("/login/code"));
        mvc.perform(get("/account/password").cookie(pending)).andExpect(redirectedUrl("/login/code"));

        String page = mvc.perform(get("/login/enrol").cookie(pending)).andExpect(status().isOk())
                .andExpect(content().string(containsString("src=\"data:image/svg+xml;base64,")))
                .andReturn().getResponse().getContentAsString();
        String secret = secretOn(page);
        mvc.perform(post("/login/enrol").cookie(pending).with(csrf()).param("code", "000000"))
                .andExpect(content().string(containsString("验证码不正确或已使用过")))
                .andExpect(content().string(containsString(secret)));

        MvcResult enrolled = mvc.perform(post("/login/enrol").cookie(pending).with(csrf())
                        .param("code", TestTotp.code(secret.replace(" ", ""), clock, 0)))
                .andExpect(status().isOk()).andReturn();
        Matcher codes = CODE.matcher(enrolled.getResponse().getContentAsString());
        assertThat(codes.results().count()).isEqualTo(10);
        Cookie signedIn = enrolled.getResponse().getCookie("SESSION");
        assertThat(signedIn).isNotNull();
        assertThat(signedIn.getValue()).isNotEqualTo(pending.getValue());
        mvc.perform(get("/operator/tenants").cookie(signedIn)).andExpect(status().isOk());
        assertThat(audit("TOTP_ENROLLED", username)).isEqualTo(1);
        assertThat(audit("LOGIN_SUCCEEDED", username)).isEqualTo(1);
    }

    @Test
    void signingInNeedsTheCodeAndAStepIsAcceptedOnce() throws Exception {
        String username = operator(Role.AUDITOR);
        String secret = enrol(username);
        Cookie first = password(username);
        String code = TestTotp.code(secret, clock, 0);
        mvc.perform(post("/login/code").cookie(first).with(csrf()).param("code", code)).andExpect(redirectedUrl("/"));

        Cookie second = password(username);
        mvc.perform(post("/login/code").cookie(second).with(csrf()).param("code", code))
                .andExpect(status().isOk()).andExpect(content().string(containsString("验证码不正确或已使用过")));
        mvc.perform(get("/audit").cookie(second)).andExpect(redirectedUrl("/login/code"));
        mvc.perform(post("/login/code").cookie(second).with(csrf()).param("code", TestTotp.code(secret, clock, 1)))
                .andExpect(redirectedUrl("/"));
        // two steps ahead is beyond the allowed drift
        Cookie third = password(username);
        mvc.perform(post("/login/code").cookie(third).with(csrf()).param("code", TestTotp.code(secret, clock, 3)))
                .andExpect(status().isOk());
    }

    @Test
    void aRecoveryCodeWorksOnce() throws Exception {
        String username = operator(Role.OPERATOR_ADMIN);
        Cookie pending = password(username);
        String secret = secretOn(mvc.perform(get("/login/enrol").cookie(pending)).andReturn().getResponse()
                .getContentAsString()).replace(" ", "");
        String page = mvc.perform(post("/login/enrol").cookie(pending).with(csrf())
                .param("code", TestTotp.code(secret, clock, 0))).andReturn().getResponse().getContentAsString();
        String recovery = CODE.matcher(page).results().findFirst().orElseThrow().group(1);

        mvc.perform(post("/login/code").cookie(password(username)).with(csrf()).param("code", recovery))
                .andExpect(redirectedUrl("/"));
        mvc.perform(post("/login/code").cookie(password(username)).with(csrf()).param("code", recovery))
                .andExpect(content().string(containsString("验证码不正确或已使用过")));
        assertThat(audit("RECOVERY_CODE_USED", username)).isEqualTo(1);
    }

    @Test
    void wrongCodesArePausedAndThePauseIsAudited() throws Exception {
        String username = operator(Role.OPERATOR_REVIEWER);
        String secret = enrol(username);
        Cookie pending = password(username);
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login/code").cookie(pending).with(csrf()).param("code", "12345" + i));
        }
        mvc.perform(post("/login/code").cookie(pending).with(csrf()).param("code", TestTotp.code(secret, clock, 0)))
                .andExpect(content().string(containsString("验证码错误次数过多")));
        assertThat(audit("SIGN_IN_THROTTLED", username)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(61));
        mvc.perform(post("/login/code").cookie(pending).with(csrf()).param("code", TestTotp.code(secret, clock, 0)))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void anOperatorAdminResetsSomeoneElsesAuthenticatorButNotTheirOwn() throws Exception {
        String admin = operator(Role.OPERATOR_ADMIN);
        String other = operator(Role.OPERATOR_REVIEWER);
        enrol(admin);
        enrol(other);
        long otherId = accounts.find(other).orElseThrow().userId();
        long adminId = accounts.find(admin).orElseThrow().userId();

        mvc.perform(post("/operator/users/" + otherId + "/two-factor/reset").with(csrf()).with(TestLogins.as(accounts, admin)))
                .andExpect(redirectedUrl("/operator/users/" + otherId)).andExpect(flash().attribute("notice", "twoFactor.reset.done"));
        assertThat(enrolments.enrolled(otherId)).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'TOTP_RESET' AND actor = ? AND target_id = ?")
                .params(admin, Long.toString(otherId)).query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/login/code").cookie(password(other))).andExpect(redirectedUrl("/login/enrol"));

        mvc.perform(post("/operator/users/" + adminId + "/two-factor/reset").with(csrf()).with(TestLogins.as(accounts, admin)))
                .andExpect(flash().attribute("error", "twoFactor.reset.self"));
        assertThat(enrolments.enrolled(adminId)).isTrue();
        mvc.perform(post("/operator/users/" + otherId + "/two-factor/reset").with(csrf()).with(TestLogins.as(accounts, "reviewer")))
                .andExpect(status().isForbidden());
    }

    @Test
    void anEnterpriseAdminMayEnrolAndIsThenAskedForACode() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        String username = "admin-" + TestTenants.unique();
        tenants.user(tenant.tenantId(), username, PASSWORD, Role.ENTERPRISE_ADMIN);
        mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/"));

        // the key being enrolled waits in the session (Spring Session's, named by its cookie)
        MvcResult form = mvc.perform(get("/account/two-factor").with(TestLogins.as(accounts, username)))
                .andExpect(status().isOk()).andReturn();
        String secret = secretOn(form.getResponse().getContentAsString()).replace(" ", "");
        Cookie session = form.getResponse().getCookie("SESSION");
        mvc.perform(post("/account/two-factor").cookie(session).with(csrf()).with(TestLogins.as(accounts, username))
                        .param("code", TestTotp.code(secret, clock, 0)))
                .andExpect(content().string(containsString("两步验证已开启")));

        Cookie pending = password(username);
        mvc.perform(get("/bindings").cookie(pending)).andExpect(redirectedUrl("/login/code"));
        mvc.perform(post("/login/code").cookie(pending).with(csrf()).param("code", TestTotp.code(secret, clock, 1)))
                .andExpect(redirectedUrl("/"));
        // agents cannot enrol
        mvc.perform(get("/account/two-factor").with(TestLogins.as(accounts, "kuaida-agent"))).andExpect(status().isForbidden());
    }

    @Test
    void theDemoOperatorsSignInWithThePublishedKey() throws Exception {
        for (String username : List.of("operator", "reviewer", "auditor")) {
            Cookie pending = password(username, "demo700-portal");
            assertThat(TestTotp.completeSignIn(mvc, pending, TestTotp.DEMO_SECRET, clock).getResponse().getRedirectedUrl())
                    .isEqualTo("/");
        }
    }

    private Cookie password(String username) throws Exception {
        return password(username, PASSWORD);
    }

    private Cookie password(String username, String password) throws Exception {
        Cookie session = mvc.perform(formLogin("/login").user(username).password(password))
                .andExpect(redirectedUrl("/login/code")).andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }

    private String operator(Role role) {
        String username = "op-" + TestTenants.unique();
        tenants.user(null, username, PASSWORD, role);
        return username;
    }

    /** Enrols the user directly with a known key; returns the key in base32. */
    private String enrol(String username) {
        byte[] secret = Totp.newSecret();
        enrolments.enrol(accounts.find(username).orElseThrow().userId(), secret, 0, clock.instant());
        return Totp.base32(secret);
    }

    private static String secretOn(String page) {
        Matcher m = SECRET.matcher(page);
        assertThat(m.find()).as("the key is shown as text").isTrue();
        return m.group(1).strip();
    }

    private long audit(String action, String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND actor = ?").params(action, actor)
                .query(Long.class).single();
    }

    @Test
    void anEnrolmentKeepsItsSealedSecretAndTenCodesOfWhichEachWorksOnce() {
        long user = STORE_ONLY_USERS.incrementAndGet();
        byte[] secret = Totp.fromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");

        List<String> codes = enrolments.enrol(user, secret, 7, clock.instant());

        assertThat(enrolments.enrolled(user)).isTrue();
        assertThat(enrolments.secret(user)).hasValue(secret);
        assertThat(jdbc.sql("SELECT secret FROM user_totp WHERE user_id = ?").param(user).query(byte[].class).single())
                .isNotEqualTo(secret);
        assertThat(codes).hasSize(TotpEnrolments.RECOVERY_CODES).doesNotHaveDuplicates();
        assertThat(enrolments.recoveryCodesLeft(user)).isEqualTo(TotpEnrolments.RECOVERY_CODES);
        assertThat(enrolments.acceptStep(user, 7)).isFalse();
        assertThat(enrolments.acceptStep(user, 8)).isTrue();
        assertThat(enrolments.useRecoveryCode(user, codes.get(0), clock.instant())).isTrue();
        assertThat(enrolments.useRecoveryCode(user, codes.get(0), clock.instant())).isFalse();
        assertThat(enrolments.recoveryCodesLeft(user)).isEqualTo(TotpEnrolments.RECOVERY_CODES - 1);
    }

    @Test
    void enrollingAgainReplacesTheCodesAndRemovingFindsTheEnrolmentOnce() {
        long user = STORE_ONLY_USERS.incrementAndGet();
        List<String> first = enrolments.enrol(user, Totp.fromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), 1, clock.instant());
        List<String> second = enrolments.enrol(user, Totp.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), 1, clock.instant());

        assertThat(enrolments.useRecoveryCode(user, first.get(0), clock.instant())).isFalse();
        assertThat(enrolments.recoveryCodesLeft(user)).isEqualTo(TotpEnrolments.RECOVERY_CODES);
        assertThat(enrolments.useRecoveryCode(user, second.get(0), clock.instant())).isTrue();

        assertThat(enrolments.remove(user)).isTrue();
        assertThat(enrolments.remove(user)).isFalse();
        assertThat(enrolments.enrolled(user)).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_recovery_code WHERE user_id = ?").param(user).query(Long.class).single())
                .isZero();
    }
}
