package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The endpoints' API: refusals with their codes (changing nothing), another tenant's endpoint, the audit trail. */
@PortalIntegrationTest
class WebhookApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAddressInsideIsRefusedWithItsCodeAndNothingIsStored() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        for (String url : new String[] {"http://10.0.0.8/hooks", "http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/"}) {
            mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                            .contentType(MediaType.APPLICATION_JSON).content(WebhookApi.endpointJson(url, "binding.created")))
                    .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("ADDRESS_REFUSED"))
                    .andExpect(jsonPath("$.errors[0].field").value("url"));
        }
        mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content(WebhookApi.endpointJson("http://127.0.0.1:9/h", "no.such")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("UNKNOWN_EVENT"));
        mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content(WebhookApi.endpointJson("http://127.0.0.1:9/h")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("NO_EVENTS"));
        assertThat(endpointsOf(tenant)).isZero();
    }

    @Test
    void anotherTenantsEndpointIsNotFound() throws Exception {
        TestBindings.Ready owner = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        WebhookApi.Made made = new WebhookApi(mvc, worker).endpoint(owner, "http://127.0.0.1:9/h", "binding.created");

        mvc.perform(get("/api/v1/webhook-endpoints/" + made.id()).header("Authorization", "Bearer " + other.key()))
                .andExpect(status().isNotFound());
        mvc.perform(patch("/api/v1/webhook-endpoints/" + made.id()).header("Authorization", "Bearer " + other.key())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\":false}"))
                .andExpect(status().isNotFound());
        for (String action : new String[] {"/rotate-secret", "/test"}) {
            mvc.perform(post("/api/v1/webhook-endpoints/" + made.id() + action).header("Authorization", "Bearer " + other.key())
                    .contentType(MediaType.APPLICATION_JSON)).andExpect(status().isNotFound());
        }
        mvc.perform(get("/api/v1/webhook-endpoints/" + made.id() + "/deliveries").header("Authorization", "Bearer " + other.key()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + other.key()))
                .andExpect(jsonPath("$.items.length()").value(0));
        assertThat(jdbc.sql("SELECT enabled FROM webhook_endpoint WHERE id = ?").param(made.id()).query(Boolean.class).single()).isTrue();
    }

    @Test
    void theSecretIsShownOnceAndEveryChangeIsAudited() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made made = new WebhookApi(mvc, worker).endpoint(tenant, "http://127.0.0.1:9/h", "binding.created");
        assertThat(made.secret()).startsWith("whsec_");

        mvc.perform(get("/api/v1/webhook-endpoints/" + made.id()).header("Authorization", "Bearer " + tenant.key()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.secret").doesNotExist())
                .andExpect(jsonPath("$.events[0]").value("binding.created"));
        mvc.perform(patch("/api/v1/webhook-endpoints/" + made.id()).header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\":false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(false));
        mvc.perform(patch("/api/v1/webhook-endpoints/" + made.id()).header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"events\":[\"binding.created\",\"call.status\"],\"enabled\":true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.events.length()").value(2));
        mvc.perform(get("/api/v1/webhook-endpoints/" + made.id() + "/deliveries?status=NOPE").header("Authorization", "Bearer " + tenant.key()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));

        assertThat(bindings.audits("WEBHOOK_ENDPOINT_CREATED", tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.audits("WEBHOOK_ENDPOINT_DISABLED", tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.audits("WEBHOOK_ENDPOINT_UPDATED", tenant.tenantId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE tenant_id = ? AND details LIKE '%whsec_%'")
                .param(tenant.tenantId()).query(Long.class).single()).isZero();
    }

    private long endpointsOf(TestBindings.Ready tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_endpoint WHERE tenant_id = ?").param(tenant.tenantId()).query(Long.class).single();
    }
}
