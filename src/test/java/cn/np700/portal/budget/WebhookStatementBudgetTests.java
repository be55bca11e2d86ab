package cn.np700.portal.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What webhooks add to binding creation: nothing for a tenant without endpoints ({@link StatementBudgetTests}), and
 * for a tenant with one subscribed endpoint the one outbox INSERT (measured 2026-12-06: 11 = 10 + 1).
 */
@PortalIntegrationTest
class WebhookStatementBudgetTests {

    static final int AXB_CREATION_WITH_ENDPOINTS_BUDGET = StatementBudgetTests.AXB_CREATION_BUDGET + 1;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;

    private void createAxb(TestBindings.Ready tenant, String a, String b) throws Exception {
        mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":3600}"))
                .andExpect(status().isCreated());
    }

    @Test
    void aTenantWithEndpointsPaysOneInsertPerBinding() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"url\":\"http://127.0.0.1:9/h" + i + "\",\"events\":[\"binding.created\",\"binding.ended\"]}"))
                    .andExpect(status().isCreated());
        }
        createAxb(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()));
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());

        Statements creation = Statements.of("AXB creation with two endpoints (warm)", () -> createAxb(tenant, a, b)).print();

        assertThat(creation.matching("insert into webhook_message ")).as("one INSERT for both endpoints").isEqualTo(1);
        assertThat(creation.without(StatementBudgetTests.API_KEY).without(StatementBudgetTests.QUOTAS).count())
                .as("statements per AXB creation with endpoints").isLessThanOrEqualTo(AXB_CREATION_WITH_ENDPOINTS_BUDGET);
    }
}
