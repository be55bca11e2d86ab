package cn.np700.portal.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.ingestion.IngestionTests;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.PortalIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What webhooks add to binding creation and ingestion: nothing for a tenant without endpoints
 * ({@link StatementBudgetTests}), and for a tenant with subscribed endpoints the one outbox INSERT (measured
 * 2026-12-06: creation 11 = 10 + 1; a batch of 50 or 500 records for an endpoint on both call record types, 7 = 6 + 1).
 */
@PortalIntegrationTest
class WebhookStatementBudgetTests {

    static final int AXB_CREATION_WITH_ENDPOINTS_BUDGET = StatementBudgetTests.AXB_CREATION_BUDGET + 1;
    static final int INGEST_WITH_ENDPOINTS_BUDGET = StatementBudgetTests.INGEST_BUDGET + 1;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    JdbcClient jdbc;

    /** The binding's X. */
    private long createAxb(TestBindings.Ready tenant, String a, String b) throws Exception {
        String body = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(JsonPath.read(body, "$.x"));
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

    @Test
    void aBatchForAnEndpointOnBothCallRecordTypesPaysOneInsertWhateverItsSize() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"http://127.0.0.1:9/h\",\"events\":[\"call.record.stored\",\"call.records.stored\"]}"))
                .andExpect(status().isCreated());
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        long x = createAxb(tenant, a, b);
        jdbc.sql("UPDATE binding SET created_at = created_at - INTERVAL 1 HOUR WHERE tenant_id = ?")
                .param(tenant.tenantId()).update();
        String carrier = carriers.create("");
        String prefix = "budget-wh-" + System.nanoTime() + "-";
        ingest(carrier, x, a, b, prefix + "warm-", 10);

        Statements fifty = Statements.of("ingest, batch of 50, endpoint on both types (warm)",
                () -> ingest(carrier, x, a, b, prefix + "50-", 50)).print();
        Statements fiveHundred = Statements.of("ingest, batch of 500, endpoint on both types (warm)",
                () -> ingest(carrier, x, a, b, prefix + "500-", 500)).print();

        for (Statements batch : List.of(fifty, fiveHundred)) {
            Statements ingestion = batch.without(StatementBudgetTests.CARRIER_CREDENTIAL);
            assertThat(ingestion.matching("insert into webhook_message ")).as("one INSERT for both types").isEqualTo(1);
            assertThat(ingestion.count()).as(batch.name()).isLessThanOrEqualTo(INGEST_WITH_ENDPOINTS_BUDGET);
        }
        assertThat(jdbc.sql("SELECT event_type, COUNT(*) FROM webhook_message WHERE tenant_id = ? GROUP BY event_type")
                .param(tenant.tenantId()).query((rs, n) -> rs.getString(1) + " " + rs.getLong(2)).list())
                .as("a message per record and one per batch")
                .containsExactlyInAnyOrder("call.record.stored 560", "call.records.stored 3");
    }

    private void ingest(String carrier, long x, String a, String b, String prefix, int size) throws Exception {
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            records.add(IngestionTests.record(prefix + i, x, a, b, start, 30 + i % 60, "ANSWERED"));
        }
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"records\":[" + String.join(",", records) + "]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(size))
                .andExpect(jsonPath("$.unmatched").value(0));
    }
}
