package cn.np700.portal.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Language switching and not-found answers. */
@PortalIntegrationTest
class ErrorPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;

    @Test
    void unknownTenantIdAnswers404() throws Exception {
        mvc.perform(get("/operator/tenants/999999999").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isNotFound());
    }

    @Test
    void switchingLanguageSticksForTheSession() throws Exception {
        var session = mvc.perform(get("/login").param("lang", "en"))
                .andExpect(content().string(containsString("Sign in"))).andReturn().getResponse().getCookie("SESSION");
        mvc.perform(get("/login").cookie(session)).andExpect(content().string(containsString("Sign in")));
        mvc.perform(get("/login").param("lang", "zh-CN").cookie(session))
                .andExpect(content().string(containsString("登录")));
    }

    @Test
    void chineseIsTheDefault() throws Exception {
        mvc.perform(get("/login").header("Accept-Language", "en-US"))
                .andExpect(content().string(containsString("请使用平台分配的账号登录")));
    }
}
