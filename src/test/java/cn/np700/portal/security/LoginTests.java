package cn.np700.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.TestTenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Sign-in through the real form. Wrong passwords come from made-up client addresses, one set per test, so the
 * per-address counts of one test never meet another's.
 */
@PortalIntegrationTest
class LoginTests {

    private static final String PASSWORD = "a-long-password-1";
    /** The test users are operators: a right password takes them on to their second sign-in step. */
    private static final String PASSWORD_ACCEPTED = "/login/code";
    private static final AtomicInteger ADDRESSES = new AtomicInteger((int) (System.nanoTime() % 200) * 1000);

    @Autowired
    MockMvc mvc;
    @Autowired
    TestTenants tenants;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void demoOperatorSignsInWithTheDemoAuthenticatorKey() throws Exception {
        jakarta.servlet.http.Cookie session = mvc.perform(formLogin("/login").user("operator").password("demo700-portal"))
                .andExpect(redirectedUrl("/login/code")).andReturn().getResponse().getCookie("SESSION");
        assertThat(TestTotp.completeSignIn(mvc, session, TestTotp.DEMO_SECRET, clock).getResponse().getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void wrongPasswordIsRefusedWithTheTypedUsernameKept() throws Exception {
        String username = newUser();
        signIn(username, "wrong-password", newAddress()).andExpect(redirectedUrl("/login?error=bad&username=" + username));
        mvc.perform(get("/login").param("error", "bad").param("username", username))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"" + username + "\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("用户名或密码错误")));
        assertThat(auditCount("LOGIN_FAILED", username)).isEqualTo(1);
    }

    /** Issue 23, item 5: five anonymous wrong passwords used to lock any account, operators included, for 15 minutes. */
    @Test
    void wrongPasswordsFromOneAddressDoNotLockTheOwnerOutFromAnother() throws Exception {
        String username = newUser();
        String attacker = newAddress();
        for (int i = 1; i <= 4; i++) {
            signIn(username, "wrong-" + i, attacker).andExpect(redirectedUrl("/login?error=bad&username=" + username));
        }
        signIn(username, "wrong-5", attacker).andExpect(redirectedUrl("/login?error=later&username=" + username));
        // the attacker's address is refused without the password being looked at, even the right one
        signIn(username, PASSWORD, attacker).andExpect(redirectedUrl("/login?error=later&username=" + username));
        assertThat(auditCount("SIGN_IN_THROTTLED", username)).isEqualTo(1);
        assertThat(auditCount("LOGIN_FAILED", username)).isEqualTo(5);

        signIn(username, PASSWORD, newAddress()).andExpect(redirectedUrl(PASSWORD_ACCEPTED));
    }

    @Test
    void blocksGrowWithEveryFurtherFailureAndEnd() throws Exception {
        String username = newUser();
        String address = newAddress();
        for (int i = 1; i <= 5; i++) {
            signIn(username, "wrong-" + i, address);
        }
        clock.advance(Duration.ofSeconds(61));
        signIn(username, "wrong-6", address).andExpect(redirectedUrl("/login?error=later&username=" + username));
        // the sixth failure blocks for two minutes, not one
        clock.advance(Duration.ofSeconds(61));
        signIn(username, PASSWORD, address).andExpect(redirectedUrl("/login?error=later&username=" + username));
        clock.advance(Duration.ofSeconds(60));
        signIn(username, PASSWORD, address).andExpect(redirectedUrl(PASSWORD_ACCEPTED));
        assertThat(auditCount("SIGN_IN_THROTTLED", username)).isEqualTo(2);
    }

    /** Issue 23, item 5: 60 usernames tried from one address were all checked. */
    @Test
    void oneAddressCannotTryUsernameAfterUsername() throws Exception {
        String address = newAddress();
        for (int i = 0; i < 20; i++) {
            signIn("nobody-" + TestTenants.unique(), "whatever-123", address);
        }
        String username = newUser();
        signIn(username, PASSWORD, address).andExpect(redirectedUrl("/login?error=later&username=" + username));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'SIGN_IN_THROTTLED' AND client_ip = ?")
                .param(address).query(Long.class).single()).isEqualTo(1);
        signIn(username, PASSWORD, newAddress()).andExpect(redirectedUrl(PASSWORD_ACCEPTED));
    }

    /** Failures from many addresses only slow an account down, and never where its owner has signed in before. */
    @Test
    void manyAddressesOnlySlowAnAccountDownAndNotWhereItsOwnerSignsIn() throws Exception {
        String username = newUser();
        String home = newAddress();
        signIn(username, PASSWORD, home).andExpect(redirectedUrl(PASSWORD_ACCEPTED));
        for (int i = 1; i <= 10; i++) {
            signIn(username, "wrong-" + i, newAddress());
        }
        signIn(username, PASSWORD, newAddress()).andExpect(redirectedUrl("/login?error=later&username=" + username));
        signIn(username, PASSWORD, home).andExpect(redirectedUrl(PASSWORD_ACCEPTED));

        for (int i = 11; i <= 20; i++) {
            signIn(username, "wrong-" + i, newAddress());
        }
        signIn(username, PASSWORD, newAddress()).andExpect(redirectedUrl("/login?error=later&username=" + username));
        clock.advance(Duration.ofSeconds(31));
        signIn(username, PASSWORD, newAddress()).andExpect(redirectedUrl(PASSWORD_ACCEPTED));
    }

    /** Issue 23, item 5: locked, disabled and suspended accounts said so whatever the password. */
    @Test
    void noAccountStateShowsBeforeThePasswordIsRight() throws Exception {
        String disabled = newUser();
        jdbc.sql("UPDATE user_account SET enabled = FALSE WHERE username = ?").param(disabled).update();
        String locked = newUser();
        jdbc.sql("UPDATE user_account SET locked_until = ? WHERE username = ?")
                .params(java.sql.Timestamp.from(clock.instant().plus(Duration.ofHours(1))), locked).update();
        TestTenants.Created tenant = tenants.tenant();
        String suspended = "agent-" + TestTenants.unique();
        tenants.user(tenant.tenantId(), suspended, PASSWORD, Role.ENTERPRISE_AGENT);
        jdbc.sql("UPDATE tenant SET status = 'SUSPENDED' WHERE id = ?").param(tenant.tenantId()).update();
        String unknown = "nobody-" + TestTenants.unique();
        String existing = newUser();

        for (String username : List.of(disabled, locked, suspended, unknown, existing)) {
            String address = newAddress();
            List<String> answers = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                answers.add(signIn(username, "wrong-" + i, address).andReturn().getResponse().getRedirectedUrl()
                        .replace(username, "USER"));
            }
            assertThat(answers).as(username).containsExactly("/login?error=bad&username=USER",
                    "/login?error=bad&username=USER", "/login?error=bad&username=USER", "/login?error=bad&username=USER",
                    "/login?error=later&username=USER", "/login?error=later&username=USER");
        }
        signIn(disabled, PASSWORD, newAddress()).andExpect(redirectedUrl("/login?error=disabled&username=" + disabled));
        signIn(locked, PASSWORD, newAddress()).andExpect(redirectedUrl("/login?error=locked&username=" + locked));
        signIn(suspended, PASSWORD, newAddress()).andExpect(redirectedUrl("/login?error=suspended&username=" + suspended));
        mvc.perform(get("/login").param("error", "suspended"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("您所在的企业已被暂停或终止服务")));
    }

    @Test
    void tryAgainLaterIsSaidInBothLanguages() throws Exception {
        mvc.perform(get("/login").param("error", "later"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("请稍后再试")));
        mvc.perform(get("/login").param("error", "later").param("lang", "en"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Please try again later")));
    }

    @Test
    void oneTimePasswordUsersAreSentToChangeIt() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        mvc.perform(formLogin("/login").user(tenant.adminUsername()).password(tenant.oneTimePassword()))
                .andExpect(redirectedUrl("/account/password"));
    }

    private org.springframework.test.web.servlet.ResultActions signIn(String username, String password, String address)
            throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                }));
    }

    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private String newUser() {
        String username = "user-" + TestTenants.unique();
        tenants.user(null, username, PASSWORD, Role.OPERATOR_REVIEWER);
        return username;
    }

    private long auditCount(String action, String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND actor = ?").params(action, actor)
                .query(Long.class).single();
    }
}
