package cn.np700.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import jakarta.servlet.http.Cookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The first sign-in with a one-time password, through real form login and a real session. */
@PortalIntegrationTest
class PasswordChangeTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestTenants tenants;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aNewAdminMustSetAPasswordBeforeUsingThePortal() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        Cookie session = signIn(tenant.adminUsername(), tenant.oneTimePassword());

        mvc.perform(get("/enterprise/users").cookie(session)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/account/password").cookie(session))
                .andExpect(content().string(containsString("请先设置自己的新密码")));
        // the password page's own fragments (the top bar's unread count) get nothing to swap, not a redirect that
        // would reload the page, which asks again, for ever; a fragment from elsewhere is sent to the password page
        mvc.perform(get("/notifications/unread-count").cookie(session).header("HX-Request", "true")
                        .header("HX-Current-URL", "http://localhost/account/password?x=1"))
                .andExpect(status().isNoContent())
                .andExpect(header()
                        .doesNotExist("HX-Redirect"));
        mvc.perform(get("/notifications/unread-count").cookie(session).header("HX-Request", "true")
                        .header("HX-Current-URL", "http://localhost/bindings"))
                .andExpect(header()
                        .string("HX-Redirect", "/account/password"));

        change(session, tenant.oneTimePassword(), "short", "short")
                .andExpect(content().string(containsString("密码至少需要 10 个字符")));
        change(session, tenant.oneTimePassword(), tenant.adminUsername(), tenant.adminUsername())
                .andExpect(content().string(containsString("密码不能与用户名相同")));
        change(session, tenant.oneTimePassword(), "a-fine-password-1", "a-fine-password-2")
                .andExpect(content().string(containsString("两次输入的新密码不一致")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("a-fine-password-1"))));
        // bcrypt refuses more than 72 bytes: 25 Chinese characters are 75, and must be refused, not crash
        String longChinese = "密".repeat(25);
        change(session, tenant.oneTimePassword(), longChinese, longChinese)
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("密码不能超过 72 个字节")));
        change(session, "not-the-password", "a-fine-password-1", "a-fine-password-1")
                .andExpect(content().string(containsString("当前密码不正确")));
        assertThat(accounts.find(tenant.adminUsername()).orElseThrow().mustChangePassword()).isTrue();

        change(session, tenant.oneTimePassword(), "a-fine-password-1", "a-fine-password-1")
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/enterprise/users").cookie(session)).andExpect(status().isOk());
        assertThat(accounts.find(tenant.adminUsername()).orElseThrow().mustChangePassword()).isFalse();

        mvc.perform(formLogin("/login").user(tenant.adminUsername()).password(tenant.oneTimePassword()))
                .andExpect(redirectedUrl("/login?error=bad&username=" + tenant.adminUsername()));
        mvc.perform(formLogin("/login").user(tenant.adminUsername()).password("a-fine-password-1"))
                .andExpect(redirectedUrl("/"));
    }

    /** Issue 23, item 6: aaaaaaaaaa, password123 and 1234567890 were accepted. */
    @Test
    void guessablePasswordsAreRefusedWithTheReasonInBothLanguages() throws Exception {
        String username = "user-" + TestTenants.unique();
        tenants.user(tenants.tenant().tenantId(), username, "a-long-password-1", Role.ENTERPRISE_AGENT);
        Map<String, String[]> reasons = Map.of(
                "aaaaaaaaaa", new String[] {"重复或顺序字符", "repeated or sequential characters"},
                "password123", new String[] {"它是常见密码", "it is a common password"},
                "1234567890", new String[] {"它是常见密码", "it is a common password"},
                "qwertyuiop", new String[] {"它是常见密码", "it is a common password"});
        for (var weak : reasons.entrySet()) {
            for (String lang : new String[] {"zh-CN", "en"}) {
                mvc.perform(post("/account/password").with(csrf()).with(TestLogins.as(accounts, username))
                                .param("lang", lang).param("currentPassword", "a-long-password-1")
                                .param("newPassword", weak.getKey()).param("confirmPassword", weak.getKey()))
                        .andExpect(status().isOk())
                        .andExpect(content().string(containsString(weak.getValue()[lang.equals("en") ? 1 : 0])));
            }
        }
        mvc.perform(post("/account/password").with(csrf()).with(TestLogins.as(accounts, username))
                        .param("currentPassword", "a-long-password-1").param("newPassword", "violet-harbour-71-kite")
                        .param("confirmPassword", "violet-harbour-71-kite"))
                .andExpect(redirectedUrl("/"));
    }

    /** Issue 23, item 5: the current password could be guessed without limit on /account/password. */
    @Test
    void guessesOfTheCurrentPasswordArePausedAndThePauseIsAudited() throws Exception {
        String username = "user-" + TestTenants.unique();
        tenants.user(tenants.tenant().tenantId(), username, "a-long-password-1", Role.ENTERPRISE_AGENT);
        for (int i = 1; i <= 5; i++) {
            changeAs(username, "wrong-guess-" + i).andExpect(content().string(containsString("当前密码不正确")));
        }
        changeAs(username, "a-long-password-1")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("当前密码错误次数过多，请稍后再试")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'SIGN_IN_THROTTLED' AND actor = ?")
                .param(username).query(Long.class).single()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        changeAs(username, "a-long-password-1").andExpect(redirectedUrl("/"));
    }

    private org.springframework.test.web.servlet.ResultActions changeAs(String username, String current) throws Exception {
        return mvc.perform(post("/account/password").with(csrf()).with(TestLogins.as(accounts, username))
                .param("currentPassword", current).param("newPassword", "violet-harbour-71-kite")
                .param("confirmPassword", "violet-harbour-71-kite"));
    }

    /** Spring Session keeps the session in the database and names it by the SESSION cookie. */
    private Cookie signIn(String username, String password) throws Exception {
        Cookie cookie = mvc.perform(formLogin("/login").user(username).password(password))
                .andExpect(redirectedUrl("/account/password")).andReturn().getResponse().getCookie("SESSION");
        assertThat(cookie).isNotNull();
        return cookie;
    }

    private org.springframework.test.web.servlet.ResultActions change(Cookie session, String current,
            String next, String confirm) throws Exception {
        return mvc.perform(post("/account/password").cookie(session).with(csrf()).param("currentPassword", current)
                .param("newPassword", next).param("confirmPassword", confirm));
    }
}
