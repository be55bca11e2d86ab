package cn.np700.portal.risk;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Who reaches the risk pages: operators view alerts, admins and reviewers handle them, admins edit rules. */
@PortalIntegrationTest
class RiskAccessTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;

    @Test
    void alertsRulesAndTheTenantsViewAreEachOpenToTheirRolesOnly() throws Exception {
        for (String operator : new String[] {"operator", "reviewer", "auditor"}) {
            mvc.perform(get("/operator/risk/alerts").with(TestLogins.as(accounts, operator))).andExpect(status().isOk());
        }
        mvc.perform(post("/operator/risk/alerts/999999999/acknowledge").with(csrf()).with(TestLogins.as(accounts, "auditor")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/operator/risk/rules").with(TestLogins.as(accounts, "reviewer"))).andExpect(status().isForbidden());
        mvc.perform(get("/operator/risk/rules").with(TestLogins.as(accounts, "operator"))).andExpect(status().isOk());
        mvc.perform(get("/risk/alerts").with(TestLogins.as(accounts, "operator"))).andExpect(status().isForbidden());
        mvc.perform(get("/risk/alerts").with(TestLogins.as(accounts, "kuaida-agent"))).andExpect(status().isForbidden());
        mvc.perform(get("/risk/alerts").with(TestLogins.as(accounts, "kuaida-admin"))).andExpect(status().isOk());
        mvc.perform(get("/operator/risk/alerts").with(TestLogins.as(accounts, "kuaida-admin"))).andExpect(status().isForbidden());
    }
}
