package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * At most {@code portal.webhooks.endpoint-limit} (10) endpoints per enterprise: the next is refused in the API (409
 * ENDPOINT_LIMIT_REACHED) and in the console (next to the form, which keeps what was typed), changing nothing; and
 * creations racing for the last place cannot both pass, because the database decides.
 */
@PortalIntegrationTest
class EndpointLimitTests {

    static final int LIMIT = 10;

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestBindings bindings;
    @Autowired
    WebhookEndpoints endpoints;
    @Autowired
    JdbcClient jdbc;

    private long endpointsOf(TestBindings.Ready tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_endpoint WHERE tenant_id = ?").param(tenant.tenantId())
                .query(Long.class).single();
    }

    private void fill(TestBindings.Ready tenant, int count) {
        for (int i = 0; i < count; i++) {
            endpoints.create(TenantId.of(tenant.tenantId()), input(i), "test");
        }
    }

    private static EndpointInput input(int i) {
        return new EndpointInput("http://127.0.0.1:9/hook-" + i, "receiver " + i, List.of("binding.created"), true);
    }

    @Test
    void theApiRefusesTheEleventhEndpointWithAConflictAndStoresNothing() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        fill(tenant, LIMIT - 1);
        String json = WebhookApi.endpointJson("http://127.0.0.1:9/h", "binding.created");
        mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON).content(json)).andExpect(status().isCreated());
        long audits = bindings.audits("WEBHOOK_ENDPOINT_CREATED", tenant.tenantId());

        mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ENDPOINT_LIMIT_REACHED"))
                .andExpect(jsonPath("$.limit").value(LIMIT));

        assertThat(endpointsOf(tenant)).isEqualTo(LIMIT);
        assertThat(bindings.audits("WEBHOOK_ENDPOINT_CREATED", tenant.tenantId())).isEqualTo(audits);
        // a disabled endpoint still counts; another enterprise is not affected
        mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content(json.replace("]}", "],\"enabled\":false}")))
                .andExpect(status().isConflict());
        TestBindings.Ready other = bindings.tenant();
        mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + other.key())
                .contentType(MediaType.APPLICATION_JSON).content(json)).andExpect(status().isCreated());
    }

    @Test
    void theConsoleExplainsTheLimitNextToTheFormKeepingWhatWasTyped() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        fill(tenant, LIMIT);
        String page = mvc.perform(post("/enterprise/webhooks").with(csrf()).with(TestLogins.as(accounts, tenant.admin()))
                        .param("url", "http://127.0.0.1:9/eleventh").param("description", "typed text")
                        .param("events", "binding.created").param("enabled", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"endpoint-limit\"").contains("最多可添加 10 个推送地址")
                .contains("http://127.0.0.1:9/eleventh").contains("typed text").doesNotContain("whsec_");
        String english = mvc.perform(post("/enterprise/webhooks").with(csrf()).with(TestLogins.as(accounts, tenant.admin()))
                        .param("url", "http://127.0.0.1:9/eleventh").param("events", "binding.created").param("lang", "en"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(english).contains("An enterprise has at most 10 endpoints");
        assertThat(endpointsOf(tenant)).isEqualTo(LIMIT);
    }

    @Test
    void creationsRacingForTheLastPlaceCannotBothPass() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        fill(tenant, LIMIT - 1);
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int n = 100 + i;
                Callable<Boolean> create = () -> {
                    start.await();
                    try {
                        endpoints.create(TenantId.of(tenant.tenantId()), input(n), "test");
                        return true;
                    } catch (EndpointLimitReached e) {
                        return false;
                    }
                };
                outcomes.add(pool.submit(create));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> outcome : outcomes) {
                created += outcome.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(endpointsOf(tenant)).isEqualTo(LIMIT);
        assertThat(jdbc.sql("SELECT endpoints FROM webhook_endpoint_count WHERE tenant_id = ?").param(tenant.tenantId())
                .query(Integer.class).single()).isEqualTo(LIMIT);
    }
}
