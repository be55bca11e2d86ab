package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Readiness includes the database's probe; a load balancer sees the status alone, an operator admin also the pools'
 * load. (The fault tests stop the database itself.)
 */
@PortalIntegrationTest
class DatabaseHealthTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    DatabaseEndpoint endpoint;

    @Test
    void readinessIncludesTheDatabaseAndLivenessDoesNot() throws Exception {
        mvc.perform(get("/actuator/health/readiness").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.database.status").value("UP"))
                .andExpect(jsonPath("$.components.database.details.pools.portal.size").isNumber())
                .andExpect(jsonPath("$.components.database.details.pools['portal-routing'].size").isNumber());
        mvc.perform(get("/actuator/health/liveness").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.components.database").doesNotExist());
        mvc.perform(get("/actuator/health").with(TestLogins.as(accounts, "operator")))
                .andExpect(jsonPath("$.components.database.status").value("UP"))
                .andExpect(jsonPath("$.components.db").doesNotExist());
    }

    @Test
    void aLoadBalancerSeesTheStatusOnly() throws Exception {
        String body = mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("\"UP\"").doesNotContain("pools").doesNotContain("database");
    }

    @Test
    void theProbeUsesAConnectionOfItsOwnAndSaysWhyItFailed() {
        DatabaseProbe probe = new DatabaseProbe(endpoint, new SimpleAsyncTaskExecutor());
        try {
            assertThat(probe.probe().reachable()).isTrue();
        } finally {
            probe.stop();
        }

        DatabaseProbe.Reachability nobody = new DatabaseProbe(
                new DatabaseEndpoint("jdbc:mysql://127.0.0.1:1/portal", endpoint.username(), endpoint.password()),
                new SimpleAsyncTaskExecutor()).probe();
        assertThat(nobody.reachable()).isFalse();
        assertThat(nobody.failure()).contains("Communications link failure");
    }
}
