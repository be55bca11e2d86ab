package cn.np700.portal.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.ingestion.IngestionTests;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What webhooks add to binding creation and ingestion: nothing for a tenant without endpoints
 * ({@link StatementBudgetTests}), and for a tenant with subscribed endpoints the one outbox INSERT (measured
 * 2026-12-06: creation 11 = 10 + 1; a batch of 50 or 500 records for an endpoint on both call record types, 7 = 6 + 1;
 * an operator's link of an unmatched record, 7 = 6 + 1).
 */
@PortalIntegrationTest
class WebhookStatementBudgetTests {

    static final int AXB_CREATION_WITH_ENDPOINTS_BUDGET = StatementBudgetTests.AXB_CREATION_BUDGET + 1;
    static final int INGEST_WITH_ENDPOINTS_BUDGET = StatementBudgetTests.INGEST_BUDGET + 1;
    /**
     * An operator's link of an unmatched call record to a binding (the page's POST, warm), measured 2026-12-06: the
     * record read, the binding checked, the conditional UPDATE, the two roll-up upserts and the audit entry.
     */
    static final int LINK_BY_HAND_BUDGET = 6;
    /** The same for a tenant with an endpoint on both call record types: the one outbox INSERT more. */
    static final int LINK_BY_HAND_WITH_ENDPOINTS_BUDGET = LINK_BY_HAND_BUDGET + 1;
    /**
     * The session each of the test's logged-in requests makes and saves (two INSERTs, sent from inside this filter):
     * the test's, not the link's; a browser's session exists already.
     */
    static final String TEST_SESSION = "PasswordChangeGate";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoginAccounts accounts;

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
        endpointOnBothCallRecordTypes(tenant);
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

    @Test
    void linkingARecordByHandForATenantWithEndpointsPaysOneInsert() throws Exception {
        String carrier = carriers.create("");
        List<Long> plain = unmatched(carrier, false);
        List<Long> pushed = unmatched(carrier, true);
        RequestPostProcessor reviewer = TestLogins.as(accounts, "reviewer");
        linkByHand(plain, 0, reviewer);
        linkByHand(pushed, 0, reviewer);

        Statements withoutEndpoints = Statements.of("link by hand, no endpoint (warm)",
                () -> linkByHand(plain, 1, reviewer)).print().without(TEST_SESSION);
        Statements withEndpoints = Statements.of("link by hand, endpoint on both call record types (warm)",
                () -> linkByHand(pushed, 1, reviewer)).print().without(TEST_SESSION);

        assertThat(withoutEndpoints.matching("insert into webhook_message ")).isZero();
        assertThat(withEndpoints.matching("insert into webhook_message ")).as("one INSERT for both types").isEqualTo(1);
        assertThat(withoutEndpoints.count()).as(withoutEndpoints.name()).isLessThanOrEqualTo(LINK_BY_HAND_BUDGET);
        assertThat(withEndpoints.count()).as(withEndpoints.name()).isLessThanOrEqualTo(LINK_BY_HAND_WITH_ENDPOINTS_BUDGET);
        assertThat(jdbc.sql("SELECT event_type, COUNT(*) FROM webhook_message WHERE tenant_id = "
                        + "(SELECT tenant_id FROM binding WHERE id = ?) GROUP BY event_type")
                .param(pushed.get(0)).query((rs, n) -> rs.getString(1) + " " + rs.getLong(2)).list())
                .as("each link a message of each type")
                .containsExactlyInAnyOrder("call.record.stored 2", "call.records.stored 2");
    }

    /** The ids of a binding and of two of its calls stored unmatched (made before it), of a new tenant. */
    private List<Long> unmatched(String carrier, boolean endpoint) throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        if (endpoint) {
            endpointOnBothCallRecordTypes(tenant);
        }
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String body = TestBindings.postAxb(mvc, tenant, a, b).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        long x = Long.parseLong(JsonPath.read(body, "$.x"));
        String prefix = "budget-link-" + System.nanoTime() + "-";
        Instant start = Instant.now().minusSeconds(7200).truncatedTo(ChronoUnit.MILLIS);
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"records\":["
                                + IngestionTests.record(prefix + 0, x, a, b, start, 30, "ANSWERED") + ","
                                + IngestionTests.record(prefix + 1, x, a, b, start, 40, "ANSWERED") + "]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.unmatched").value(2));
        List<Long> ids = new ArrayList<>();
        ids.add(((Number) JsonPath.read(body, "$.id")).longValue());
        ids.addAll(jdbc.sql("SELECT id FROM call_record WHERE call_id LIKE ? ORDER BY call_id").param(prefix + "%")
                .query(Long.class).list());
        return ids;
    }

    private void linkByHand(List<Long> bindingAndRecords, int record, RequestPostProcessor who) throws Exception {
        long id = bindingAndRecords.get(1 + record);
        mvc.perform(post("/operator/calls/unmatched/" + id + "/link").param("bindingId", bindingAndRecords.get(0).toString())
                        .param("reason", "Carrier confirmed the call").with(csrf()).with(who))
                .andExpect(redirectedUrl("/operator/calls/" + id));
    }

    private void endpointOnBothCallRecordTypes(TestBindings.Ready tenant) throws Exception {
        mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"http://127.0.0.1:9/h\",\"events\":[\"call.record.stored\",\"call.records.stored\"]}"))
                .andExpect(status().isCreated());
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
