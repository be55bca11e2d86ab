package cn.np700.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.TestTenants;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@PortalIntegrationTest
class LoginTests {

    private static final String PASSWORD = "a-long-password-1";

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
    void demoOperatorSignsIn() throws Exception {
        mvc.perform(formLogin("/login").user("operator").password("demo700-portal"))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void wrongPasswordIsRefusedWithTheTypedUsernameKept() throws Exception {
        String username = newUser();
        mvc.perform(formLogin("/login").user(username).password("wrong-password"))
                .andExpect(redirectedUrl("/login?error=bad&username=" + username));
        mvc.perform(get("/login").param("error", "bad").param("username", username))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"" + username + "\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("用户名或密码错误")));
        assertThat(auditCount("LOGIN_FAILED", username)).isEqualTo(1);
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPasswordUntilTheLockRunsOut() throws Exception {
        String username = newUser();
        for (int i = 1; i <= 4; i++) {
            mvc.perform(formLogin("/login").user(username).password("wrong-" + i))
                    .andExpect(redirectedUrl("/login?error=bad&username=" + username));
        }
        mvc.perform(formLogin("/login").user(username).password("wrong-5"))
                .andExpect(redirectedUrl("/login?error=locked&minutes=15&username=" + username));
        mvc.perform(formLogin("/login").user(username).password(PASSWORD))
                .andExpect(redirectedUrl("/login?error=locked&minutes=15&username=" + username));
        assertThat(auditCount("ACCOUNT_LOCKED", username)).isEqualTo(1);
        assertThat(auditCount("LOGIN_REFUSED", username)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(14));
        mvc.perform(formLogin("/login").user(username).password(PASSWORD))
                .andExpect(redirectedUrl("/login?error=locked&minutes=1&username=" + username));

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/"));
        assertThat(jdbc.sql("SELECT failed_logins FROM user_account WHERE username = ?").param(username)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void afterALockRunsOutCountingStartsAgain() throws Exception {
        String username = newUser();
        for (int i = 1; i <= 5; i++) {
            mvc.perform(formLogin("/login").user(username).password("wrong-" + i));
        }
        clock.advance(Duration.ofMinutes(16));
        mvc.perform(formLogin("/login").user(username).password("wrong-again"))
                .andExpect(redirectedUrl("/login?error=bad&username=" + username));
        mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/"));
    }

    @Test
    void lockedMessageSaysHowLong() throws Exception {
        mvc.perform(get("/login").param("error", "locked").param("minutes", "12"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("请 12 分钟后再试")));
        mvc.perform(get("/login").param("error", "locked").param("minutes", "12").param("lang", "en"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Try again in 12 minutes")));
    }

    @Test
    void unknownUsersAreRefusedLikeWrongPasswords() throws Exception {
        mvc.perform(formLogin("/login").user("nobody-" + TestTenants.unique()).password("whatever-123"))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).startsWith("/login?error=bad"));
    }

    @Test
    void usersOfASuspendedTenantAreToldWhy() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        String username = "agent-" + TestTenants.unique();
        tenants.user(tenant.tenantId(), username, PASSWORD, Role.ENTERPRISE_AGENT);
        jdbc.sql("UPDATE tenant SET status = 'SUSPENDED' WHERE id = ?").param(tenant.tenantId()).update();
        mvc.perform(formLogin("/login").user(username).password(PASSWORD))
                .andExpect(redirectedUrl("/login?error=suspended&username=" + username));
        mvc.perform(get("/login").param("error", "suspended"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("您所在的企业已被暂停或终止服务")));
    }

    @Test
    void disabledUsersCannotSignIn() throws Exception {
        String username = newUser();
        jdbc.sql("UPDATE user_account SET enabled = FALSE WHERE username = ?").param(username).update();
        mvc.perform(formLogin("/login").user(username).password(PASSWORD))
                .andExpect(redirectedUrl("/login?error=disabled&username=" + username));
    }

    @Test
    void oneTimePasswordUsersAreSentToChangeIt() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        mvc.perform(formLogin("/login").user(tenant.adminUsername()).password(tenant.oneTimePassword()))
                .andExpect(redirectedUrl("/account/password"));
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
