package cn.np700.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Tenant A's admin never reaches tenant B's users: not by id, not by a forged form field. */
@PortalIntegrationTest
class TenantIsolationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anotherTenantsUserAnswers404() throws Exception {
        long meiweiAdmin = accounts.find("meiwei-admin").orElseThrow().userId();
        mvc.perform(get("/enterprise/users/" + meiweiAdmin).with(TestLogins.as(accounts, "kuaida-admin")))
                .andExpect(status().isNotFound());
        long operator = accounts.find("operator").orElseThrow().userId();
        mvc.perform(get("/enterprise/users/" + operator).with(TestLogins.as(accounts, "kuaida-admin")))
                .andExpect(status().isNotFound());
    }

    @Test
    void actionsOnAnotherTenantsUserAnswer404AndChangeNothing() throws Exception {
        long meiweiAgent = accounts.find("meiwei-agent").orElseThrow().userId();
        mvc.perform(post("/enterprise/users/" + meiweiAgent + "/enabled").param("enabled", "false").with(csrf())
                        .with(TestLogins.as(accounts, "kuaida-admin")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/enterprise/users/" + meiweiAgent + "/password-reset").with(csrf())
                        .with(TestLogins.as(accounts, "kuaida-admin")))
                .andExpect(status().isNotFound());
        var agent = accounts.find("meiwei-agent").orElseThrow();
        assertThat(agent.enabled()).isTrue();
        assertThat(agent.mustChangePassword()).isFalse();
    }

    @Test
    void theListShowsOnlyTheOwnTenant() throws Exception {
        mvc.perform(get("/enterprise/users").with(TestLogins.as(accounts, "kuaida-admin")))
                .andExpect(content().string(containsString("kuaida-agent")))
                .andExpect(content().string(not(containsString("meiwei-agent"))));
    }

    @Test
    void aForgedTenantFieldIsIgnored() throws Exception {
        long kuaida = accounts.find("kuaida-admin").orElseThrow().tenantId().value();
        long meiwei = accounts.find("meiwei-admin").orElseThrow().tenantId().value();
        String username = "forged-" + TestTenants.unique();
        mvc.perform(post("/enterprise/users").with(csrf()).with(TestLogins.as(accounts, "kuaida-admin"))
                        .param("username", username).param("displayName", "伪造").param("role", "ENTERPRISE_AGENT")
                        .param("tenantId", Long.toString(meiwei)))
                .andExpect(status().isOk());
        assertThat(accounts.find(username).orElseThrow().tenantId()).isEqualTo(TenantId.of(kuaida));
    }

    @Test
    void anEnterpriseAdminCannotGrantOperatorRoles() throws Exception {
        String username = "escalate-" + TestTenants.unique();
        mvc.perform(post("/enterprise/users").with(csrf()).with(TestLogins.as(accounts, "kuaida-admin"))
                        .param("username", username).param("displayName", "提权").param("role", "OPERATOR_ADMIN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("不能授予该角色")));
        assertThat(accounts.find(username)).isEmpty();

        long agent = accounts.find("kuaida-agent").orElseThrow().userId();
        mvc.perform(post("/enterprise/users/" + agent + "/role").param("role", "AUDITOR").with(csrf())
                .with(TestLogins.as(accounts, "kuaida-admin")));
        assertThat(accounts.find("kuaida-agent").orElseThrow().role()).isEqualTo(Role.ENTERPRISE_AGENT);
    }

    @Test
    void theLastAdminCannotBeDisabledAndNobodyDisablesThemselves() throws Exception {
        long self = accounts.find("meiwei-admin").orElseThrow().userId();
        mvc.perform(post("/enterprise/users/" + self + "/enabled").param("enabled", "false").with(csrf())
                .with(TestLogins.as(accounts, "meiwei-admin")));
        assertThat(accounts.find("meiwei-admin").orElseThrow().enabled()).isTrue();
    }
}
