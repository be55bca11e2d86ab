package cn.np700.portal.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** An id no tenant has, or none can have (0, negative), on every operator page of one tenant. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET  | /operator/tenants/{id}",
            "GET  | /operator/tenants/{id}/edit",
            "GET  | /operator/tenants/{id}/quotas",
            "POST | /operator/tenants/{id}",
            "POST | /operator/tenants/{id}/quotas",
            "POST | /operator/tenants/{id}/status",
            "POST | /operator/tenants/{id}/contact-mobile",
            "POST | /operator/tenants/{id}/suspensions/1/lift",
    })
    void anUnknownOrImpossibleTenantIdOnAnOperatorTenantPageAnswers404(String method, String path) throws Exception {
        for (String id : new String[] {"999999999", "0", "-1"}) {
            String url = path.replace("{id}", id);
            mvc.perform((method.equals("GET") ? get(url) : post(url).with(csrf())).param("maxBlocks", "5")
                            .with(TestLogins.as(accounts, "operator")))
                    .andExpect(status().isNotFound());
        }
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
