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
import org.springframework.test.web.servlet.ResultActions;

/**
 * Issue 18's statement budget for the hot paths, on a warm portal (the same kind of request made once before the
 * one counted). Each budget is a ratchet at today's count: one more statement fails the test; lower the constant as
 * the count comes down, towards the target in its comment. What is counted: see {@link Statements}.
 */
@PortalIntegrationTest
class StatementBudgetTests {

    /**
     * Measured 2026-12-05: 17, then 16 once both parties' blacklist check became one statement, then 10 (issue 18's
     * target, the audit entry included): the API key and the quota overrides remembered, the pool's range folded into
     * the free-X scan, both slots in one INSERT, the peer count returned by its upsert, no read-back of the binding.
     * Still 10 on 2026-12-06 with issue 21's consent: the conditional UPDATE that takes the parties' consents also
     * checks the blacklists, in place of the blacklist's own SELECT.
     */
    static final int AXB_CREATION_BUDGET = 10;
    /**
     * Measured 2026-12-06 by the server's own count (see {@link Statements#roundTrips}): the statements above and the
     * creation's transaction control: autocommit off, READ COMMITTED for that transaction alone, COMMIT, autocommit on.
     * It was 15 while the isolation was set for the session before the transaction and set back after it.
     */
    static final int AXB_CREATION_ROUND_TRIPS = AXB_CREATION_BUDGET + 4;
    /**
     * Measured 2026-12-05: the one look-up. Issue 18 keeps routing at one statement: a call whose facts the routing
     * cache does not hold yet runs the look-up; a call it holds runs none.
     */
    static final int ROUTE_MISS_BUDGET = 1;
    static final int ROUTE_HIT_BUDGET = 0;
    /**
     * Measured 2026-12-05, for a batch of 50 and of 500 alike: 7, then 6 once the records' numbers (granted block,
     * holder) were looked up in one statement. Issue 18: a fixed number whatever the batch size.
     */
    static final int INGEST_BUDGET = 6;
    /**
     * Measured 2026-12-06, for a push of 30 and of 300 call events alike: X's standing, the calls' earlier matches,
     * the bindings on X, the events' one insert and the push's rows read back.
     */
    static final int CALL_EVENTS_BUDGET = 5;
    /**
     * Measured 2026-12-06 (issue 21, unmatched call events), for 10 and 100 waiting calls alike: a batch whose records
     * bring the match of events stored unmatched adds the linking's conditional UPDATE, its rows read back and the
     * linking's audit entry to {@link #INGEST_BUDGET}; a batch with no event waiting adds nothing.
     */
    static final int INGEST_LINKING_EVENTS_BUDGET = INGEST_BUDGET + 3;
    /**
     * The carrier's credential, apart from the budgets above: {@code CarrierClients} remembers it for 5 s of real time
     * (and marks it used once a minute), so a slow machine may read it again between the warm-up and the request
     * counted. At most that one read.
     */
    static final int CARRIER_CREDENTIAL_READS = 1;
    static final String CARRIER_CREDENTIAL = "CarrierClients";
    /**
     * Likewise the tenant's API key and quota overrides, remembered for 5 s of real time: a machine slow enough to let
     * them lapse between the warm-up and the creation counted reads each once more, outside the creation's budget.
     */
    static final String API_KEY = "ApiKeys";
    static final String QUOTAS = "Quotas";
    static final int REMEMBERED_READS = 1;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    JdbcClient jdbc;

    /** An AXB binding made through the tenant API. */
    record Bound(TestBindings.Ready tenant, String a, String b, long x, long bindingId) {
    }

    private ResultActions createAxb(TestBindings.Ready tenant, String a, String b) throws Exception {
        return TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated());
    }

    private Bound bound(TestBindings.Ready tenant) throws Exception {
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String body = createAxb(tenant, a, b).andReturn().getResponse().getContentAsString();
        return new Bound(tenant, a, b, Long.parseLong(JsonPath.read(body, "$.x")),
                ((Number) JsonPath.read(body, "$.id")).longValue());
    }

    @Test
    void creatingAnAxbBindingStaysWithinItsBudget() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        // the warm-up right before the request counted: the API key and the quotas are remembered for 5 s of real time
        bound(tenant);
        long auditsBefore = bindings.audits("BINDING_CREATED", tenant.tenantId());

        Statements creation = Statements.of("AXB creation (warm)", () -> createAxb(tenant, a, b)).print();

        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(2);
        assertThat(bindings.audits("BINDING_CREATED", tenant.tenantId())).isEqualTo(auditsBefore + 1);
        assertThat(creation.matching("insert into binding ")).as("the binding's row").isEqualTo(1);
        assertThat(creation.matching("insert into audit_entry ")).as("the audit entry").isEqualTo(1);
        assertThat(creation.without(API_KEY).without(QUOTAS).count()).as("statements per AXB creation")
                .isLessThanOrEqualTo(AXB_CREATION_BUDGET);
        assertThat(creation.roundTrips()).as("round trips per AXB creation, transaction control included")
                .isLessThanOrEqualTo(AXB_CREATION_ROUND_TRIPS + creation.from(API_KEY).count() + creation.from(QUOTAS).count());
        assertThat(creation.from(API_KEY).count()).as("the API key, read again only if it lapsed")
                .isLessThanOrEqualTo(REMEMBERED_READS);
        assertThat(creation.from(QUOTAS).count()).as("the quotas, read again only if they lapsed")
                .isLessThanOrEqualTo(REMEMBERED_READS);
    }

    @Test
    void routingOneCallStaysWithinItsBudget() throws Exception {
        Bound bound = bound(bindings.tenant());
        String carrier = carriers.create("");
        route(carrier, bound.a(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"));

        Statements first = Statements.of("route (warm, first call from B)", () -> routeBToA(carrier, bound)).print();
        Statements again = Statements.of("route (warm, B again)", () -> routeBToA(carrier, bound)).print();
        // The cache drops an answer loaded while any route change was being recorded (another test's binding, the
        // expiry job): then the next call loads it again. A cache that never holds the answer fails all tries.
        for (int tries = 1; tries < 5 && again.without(CARRIER_CREDENTIAL).count() > ROUTE_HIT_BUDGET; tries++) {
            assertThat(again.without(CARRIER_CREDENTIAL).count()).as("a call the cache dropped").isLessThanOrEqualTo(ROUTE_MISS_BUDGET);
            again = Statements.of("route (warm, B again, try " + (tries + 1) + ")", () -> routeBToA(carrier, bound)).print();
        }

        Statements miss = first.without(CARRIER_CREDENTIAL);
        Statements hit = again.without(CARRIER_CREDENTIAL);

        assertThat(miss.any(sql -> sql.startsWith("select") && sql.contains("binding_slot")))
                .as("the routing look-up").isTrue();
        assertThat(miss.count()).as("statements per routed call the cache does not hold").isLessThanOrEqualTo(ROUTE_MISS_BUDGET);
        assertThat(hit.count()).as("statements per routed call the cache holds").isLessThanOrEqualTo(ROUTE_HIT_BUDGET);
        assertThat(first.from(CARRIER_CREDENTIAL).count() + again.from(CARRIER_CREDENTIAL).count())
                .isLessThanOrEqualTo(CARRIER_CREDENTIAL_READS);
    }

    private void routeBToA(String carrier, Bound bound) throws Exception {
        route(carrier, bound.b(), bound.x()).andExpect(jsonPath("$.action").value("CONNECT"))
                .andExpect(jsonPath("$.callee").value(bound.a()));
    }

    private ResultActions route(String carrier, String caller, long x) throws Exception {
        return mvc.perform(post("/api/carrier/v1/route").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"callId\":\"budget-" + System.nanoTime() + "\",\"caller\":\"" + caller + "\",\"x\":\"" + x
                        + "\",\"type\":\"VOICE\"}")).andExpect(status().isOk());
    }

    @Test
    void ingestingABatchStaysWithinItsBudgetWhateverItsSize() throws Exception {
        Bound bound = bound(bindings.tenant());
        // calls in the recent past, as IngestionTests does (not ahead of the clock)
        jdbc.sql("UPDATE binding SET created_at = created_at - INTERVAL 1 HOUR WHERE tenant_id = ?")
                .param(bound.tenant().tenantId()).update();
        String carrier = carriers.create("");
        String prefix = "budget-" + System.nanoTime() + "-";
        ingest(carrier, batch(bound, prefix + "warm-", 10), 10);

        Statements fifty = Statements.of("ingest, batch of 50 (warm)",
                () -> ingest(carrier, batch(bound, prefix + "50-", 50), 50)).print();
        Statements fiveHundred = Statements.of("ingest, batch of 500 (warm)",
                () -> ingest(carrier, batch(bound, prefix + "500-", 500), 500)).print();

        for (Statements batch : List.of(fifty, fiveHundred)) {
            Statements ingestion = batch.without(CARRIER_CREDENTIAL);
            assertThat(ingestion.matching("insert into call_record ")).as("the records' one insert").isEqualTo(1);
            assertThat(ingestion.count()).as(batch.name()).isLessThanOrEqualTo(INGEST_BUDGET);
            assertThat(batch.from(CARRIER_CREDENTIAL).count()).isLessThanOrEqualTo(CARRIER_CREDENTIAL_READS);
        }
        assertThat(fiveHundred.without(CARRIER_CREDENTIAL).normalised())
                .as("the same statements for 500 records as for 50")
                .isEqualTo(fifty.without(CARRIER_CREDENTIAL).normalised());
    }

    @Test
    void pushingCallEventsStaysWithinItsBudgetWhateverTheirNumber() throws Exception {
        Bound bound = bound(bindings.tenant());
        String carrier = carriers.create("");
        String prefix = "budget-ev-" + System.nanoTime() + "-";
        pushEvents(carrier, events(bound, prefix + "warm-", 3));

        Statements thirty = Statements.of("call events, push of 30 (warm)",
                () -> pushEvents(carrier, events(bound, prefix + "30-", 10))).print();
        Statements threeHundred = Statements.of("call events, push of 300 (warm)",
                () -> pushEvents(carrier, events(bound, prefix + "300-", 100))).print();

        for (Statements push : List.of(thirty, threeHundred)) {
            Statements events = push.without(CARRIER_CREDENTIAL);
            assertThat(events.matching("insert into call_event ")).as("the events' one insert").isEqualTo(1);
            assertThat(events.count()).as(push.name()).isLessThanOrEqualTo(CALL_EVENTS_BUDGET);
            assertThat(push.from(CARRIER_CREDENTIAL).count()).isLessThanOrEqualTo(CARRIER_CREDENTIAL_READS);
        }
        assertThat(threeHundred.without(CARRIER_CREDENTIAL).normalised())
                .as("the same statements for 300 events as for 30")
                .isEqualTo(thirty.without(CARRIER_CREDENTIAL).normalised());
    }

    @Test
    void recordsThatLinkWaitingEventsCostTheSameWhateverTheirNumber() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        bindings.poolOfOne(tenant, tenant.firstX());
        Bound bound = bound(tenant);
        bound(tenant); // a second AXB binding on the same X: an event without bindingId cannot tell which call it was
        jdbc.sql("UPDATE binding SET created_at = created_at - INTERVAL 1 HOUR WHERE tenant_id = ?")
                .param(tenant.tenantId()).update();
        String carrier = carriers.create("");
        String prefix = "budget-link-" + System.nanoTime() + "-";
        ingest(carrier, batch(bound, prefix + "warm-", 10), 10);

        List<Statements> measured = new ArrayList<>();
        for (int calls : new int[] {10, 100}) {
            String calls_ = prefix + calls + "-";
            mvc.perform(post("/api/carrier/v1/call-events").header("Authorization", "Bearer " + carrier)
                            .contentType(MediaType.APPLICATION_JSON).content("{\"events\":[" + String.join(",",
                                    waitingEvents(bound, calls_, calls)) + "]}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.unmatched").value(calls));
            measured.add(Statements.of("ingest, " + calls + " records linking their waiting events (warm)",
                    () -> ingest(carrier, batch(bound, calls_, calls), calls)).print());
            assertThat(jdbc.sql("SELECT COUNT(*) FROM call_event WHERE call_id LIKE ? AND match_status = 'MATCHED'")
                    .param(calls_ + "%").query(Long.class).single()).as("every waiting event linked").isEqualTo(calls);
        }
        for (Statements batch : measured) {
            Statements ingestion = batch.without(CARRIER_CREDENTIAL);
            assertThat(ingestion.matching("update call_event ")).as("the linking's one update").isEqualTo(1);
            assertThat(ingestion.count()).as(batch.name()).isLessThanOrEqualTo(INGEST_LINKING_EVENTS_BUDGET);
        }
        assertThat(measured.get(1).without(CARRIER_CREDENTIAL).normalised())
                .as("the same statements for 100 calls as for 10")
                .isEqualTo(measured.get(0).without(CARRIER_CREDENTIAL).normalised());
    }

    /** An alerting event without bindingId for each call of {@link #batch}. */
    private List<String> waitingEvents(Bound bound, String prefix, int calls) {
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            events.add("{\"callId\":\"" + prefix + i + "\",\"x\":\"" + bound.x() + "\",\"type\":\"ALERTING\",\"time\":\""
                    + start + "\"}");
        }
        return events;
    }

    /** Alerting, answered and disconnected for each of {@code calls} calls, the first naming the binding. */
    private List<String> events(Bound bound, String prefix, int calls) {
        Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String head = "{\"callId\":\"" + prefix + i + "\",\"x\":\"" + bound.x() + "\",";
            events.add(head + "\"type\":\"ALERTING\",\"time\":\"" + start + "\",\"bindingId\":" + bound.bindingId() + "}");
            events.add(head + "\"type\":\"ANSWERED\",\"time\":\"" + start.plusSeconds(4) + "\"}");
            events.add(head + "\"type\":\"DISCONNECTED\",\"cause\":\"16\",\"time\":\"" + start.plusSeconds(30) + "\"}");
        }
        return events;
    }

    private void pushEvents(String carrier, List<String> events) throws Exception {
        mvc.perform(post("/api/carrier/v1/call-events").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"events\":[" + String.join(",", events) + "]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(events.size()))
                .andExpect(jsonPath("$.unmatched").value(0)).andExpect(jsonPath("$.rejected").value(0));
    }

    private List<String> batch(Bound bound, String prefix, int size) {
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean fromA = i % 2 == 0;
            records.add(IngestionTests.record(prefix + i, bound.x(), fromA ? bound.a() : bound.b(),
                    fromA ? bound.b() : bound.a(), start, 30 + i % 60, "ANSWERED"));
        }
        return records;
    }

    private void ingest(String carrier, List<String> records, int accepted) throws Exception {
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"records\":[" + String.join(",", records) + "]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(accepted))
                .andExpect(jsonPath("$.rejected").value(0));
    }
}
