package cn.np700.portal.tenancy;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.support.PortalIntegrationTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Changing one's own password signs out every other session of the account (someone else may hold the old one). */
@PortalIntegrationTest
class PasswordChangeSessionsTests {

    private static final String OLD = "Old-Harbour-Lantern-71";
    private static final String NEW = "New-Quarry-Bicycle-93";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestTenants tenants;

    @Test
    void aPasswordChangeEndsTheOtherSessionsButNotTheOneThatMadeIt() throws Exception {
        String username = "pw-sessions-" + TestTenants.unique();
        tenants.user(tenants.tenant().tenantId(), username, OLD, Role.ENTERPRISE_ADMIN);
        Cookie mine = signIn(username, OLD);
        Cookie elsewhere = signIn(username, OLD);
        mvc.perform(get("/enterprise/users").cookie(elsewhere)).andExpect(status().isOk());

        mvc.perform(post("/account/password").cookie(mine).with(csrf()).param("currentPassword", OLD)
                .param("newPassword", NEW).param("confirmPassword", NEW)).andExpect(redirectedUrl("/"));

        mvc.perform(get("/enterprise/users").cookie(elsewhere)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/enterprise/users").cookie(mine)).andExpect(status().isOk());
    }

    private Cookie signIn(String username, String password) throws Exception {
        return mvc.perform(formLogin("/login").user(username).password(password)).andExpect(redirectedUrl("/"))
                .andReturn().getResponse().getCookie("SESSION");
    }
}
