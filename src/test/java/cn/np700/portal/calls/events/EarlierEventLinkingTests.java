package cn.np700.portal.calls.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.calls.CallStatusReported;
import cn.np700.portal.calls.TestCallEvents;
import cn.np700.portal.calls.ingestion.IngestionTests;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.PortalIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Call events stored unmatched are linked once their call's match is known: by the call's record, by a later event of
 * the call, or by the minute's sweep; then told to listeners (and so relayed to the enterprise's endpoints) once, in
 * the linking transaction, and audited. Two AXB bindings share one X, so an event without bindingId cannot tell which
 * call it was. Two linkings of the same events at once (the record, a later event, the sweep, on their own connections)
 * link each event once: the conditional UPDATE lets one of them change the rows, the other changes none and tells
 * nothing.
 */
@PortalIntegrationTest
class EarlierEventLinkingTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    TestCallEvents heard;
    @Autowired
    EarlierEventLinks links;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HeldLinkings held;

    String carrier;
    TestBindings.Ready tenant;
    long x;
    String a1;
    String b1;
    long first;
    long second;
    long endpoint;
    Instant now;

    @BeforeEach
    void twoBindingsOnOneX() throws Exception {
        carrier = carriers.create("");
        tenant = bindings.tenant();
        heard.watch(TenantId.of(tenant.tenantId()));
        x = tenant.firstX();
        bindings.poolOfOne(tenant, x);
        a1 = bindings.verified(tenant.tenantId());
        b1 = bindings.verified(tenant.tenantId());
        first = bind(a1, b1);
        second = bind(bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()));
        jdbc.sql("UPDATE binding SET created_at = created_at - INTERVAL 1 HOUR WHERE tenant_id = ?").param(tenant.tenantId())
                .update();
        String made = mvc.perform(post("/api/v1/webhook-endpoints").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"call.status\"]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        endpoint = ((Number) JsonPath.read(made, "$.id")).longValue();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private long bind(String a, String b) throws Exception {
        String body = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andExpect(jsonPath("$.x").value(Long.toString(x)))
                .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    private ResultActions pushEvents(String... events) throws Exception {
        return mvc.perform(post("/api/carrier/v1/call-events").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON).content("{\"events\":[" + String.join(",", events) + "]}"))
                .andExpect(status().isOk());
    }

    private ResultActions pushRecord(String record) throws Exception {
        return mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON).content("{\"records\":[" + record + "]}")).andExpect(status().isOk());
    }

    private List<String> states(String callId) {
        return jdbc.sql("SELECT CONCAT(event_type, ':', match_status, ':', COALESCE(binding_id, '-'), ':', "
                        + "COALESCE(tenant_id, '-')) FROM call_event WHERE call_id = ? ORDER BY event_time")
                .param(callId).query(String.class).list();
    }

    private List<TestCallEvents.Heard<CallStatusReported>> told(String callId) {
        return heard.of(CallStatusReported.class).stream().filter(h -> h.event().callId().equals(callId)).toList();
    }

    /** The webhook ids of the call's messages to the endpoint. */
    private List<String> messages(String callId) {
        return jdbc.sql("SELECT msg_id FROM webhook_message WHERE endpoint_id = ? AND payload LIKE ? ORDER BY id")
                .params(endpoint, "%\"" + callId + "\"%").query(String.class).list();
    }

    private long linkAudits() {
        return bindings.audits("CALL_EVENTS_LINKED", tenant.tenantId());
    }

    @Test
    void theCallsRecordLinksItsEarlierEventsAndTellsThemOnceInItsTransaction() throws Exception {
        String callId = "link-rec-" + System.nanoTime();
        Instant start = now.minusSeconds(60);
        pushEvents(CallEventTests.event(callId, x, "ALERTING", null, start, null),
                CallEventTests.event(callId, x, "ANSWERED", null, start.plusSeconds(5), null))
                .andExpect(jsonPath("$.events[0].status").value("NO_BINDING"))
                .andExpect(jsonPath("$.events[1].status").value("NO_BINDING"));
        assertThat(told(callId)).as("an unmatched event is told to no one").isEmpty();
        assertThat(messages(callId)).isEmpty();
        long auditsBefore = linkAudits();

        String record = IngestionTests.record(callId, x, a1, b1, start, 20, "ANSWERED");
        pushRecord(record).andExpect(jsonPath("$.accepted").value(1)).andExpect(jsonPath("$.unmatched").value(0));

        String linked = ":MATCHED:" + first + ":" + tenant.tenantId();
        assertThat(states(callId)).containsExactly("ALERTING" + linked, "ANSWERED" + linked);
        assertThat(told(callId)).extracting(h -> h.event().type())
                .containsExactly(CallEventType.ALERTING, CallEventType.ANSWERED);
        assertThat(told(callId)).allMatch(TestCallEvents.Heard::inTransaction);
        assertThat(told(callId).get(0).event()).isEqualTo(new CallStatusReported(TenantId.of(tenant.tenantId()), first,
                callId, x, CallEventType.ALERTING, null, start));
        List<String> ids = messages(callId);
        assertThat(ids).as("one webhook message per linked event").hasSize(2);
        assertThat(linkAudits()).isEqualTo(auditsBefore + 1);

        // the record sent again, and the sweep after it, link nothing twice: the same messages, the same ids
        pushRecord(record).andExpect(jsonPath("$.duplicates").value(1));
        links.sweep(now.minusSeconds(3600), Instant.now());
        assertThat(told(callId)).hasSize(2);
        assertThat(messages(callId)).isEqualTo(ids);
        assertThat(linkAudits()).isEqualTo(auditsBefore + 1);
    }

    @Test
    void aLaterEventThatBringsTheMatchLinksTheEarlierOnesOfItsCall() throws Exception {
        String callId = "link-ev-" + System.nanoTime();
        Instant start = now.minusSeconds(40);
        String alerting = CallEventTests.event(callId, x, "ALERTING", null, start, null);
        pushEvents(alerting).andExpect(jsonPath("$.events[0].status").value("NO_BINDING"));
        long auditsBefore = linkAudits();

        pushEvents(CallEventTests.event(callId, x, "ANSWERED", null, start.plusSeconds(3), second))
                .andExpect(jsonPath("$.events[0].status").value("MATCHED"))
                .andExpect(jsonPath("$.events[0].bindingId").value(second));

        String linked = ":MATCHED:" + second + ":" + tenant.tenantId();
        assertThat(states(callId)).containsExactly("ALERTING" + linked, "ANSWERED" + linked);
        assertThat(told(callId)).extracting(h -> h.event().type())
                .containsExactly(CallEventType.ALERTING, CallEventType.ANSWERED);
        assertThat(told(callId)).allMatch(TestCallEvents.Heard::inTransaction);
        assertThat(messages(callId)).hasSize(2);
        assertThat(linkAudits()).isEqualTo(auditsBefore + 1);
        // the earlier event sent again answers what it is now, and is told no more
        pushEvents(alerting).andExpect(jsonPath("$.events[0].status").value("MATCHED"))
                .andExpect(jsonPath("$.events[0].bindingId").value(second));
        assertThat(told(callId)).hasSize(2);
        assertThat(messages(callId)).hasSize(2);
    }

    @Test
    void theSweepLinksEventsWhoseCallWasMatchedWhereTheStoringTransactionCouldNotSeeIt() throws Exception {
        String callId = "link-sweep-" + System.nanoTime();
        Instant start = now.minusSeconds(30);
        pushEvents(CallEventTests.event(callId, x, "ALERTING", null, start, null))
                .andExpect(jsonPath("$.events[0].status").value("NO_BINDING"));
        // a record stored unmatched, then matched by another transaction (re-linking, an operator)
        String stranger = "13" + String.valueOf(System.nanoTime()).substring(0, 9);
        pushRecord(IngestionTests.record(callId, x, stranger, b1, start, 20, "ANSWERED"))
                .andExpect(jsonPath("$.unmatched").value(1));
        assertThat(states(callId)).containsExactly("ALERTING:NO_BINDING:-:-");
        jdbc.sql("UPDATE call_record SET match_status = 'MATCHED', binding_id = ?, tenant_id = ? WHERE call_id = ?")
                .params(first, tenant.tenantId(), callId).update();
        long auditsBefore = linkAudits();

        assertThat(links.sweep(now.minusSeconds(3600), Instant.now())).isGreaterThanOrEqualTo(1);

        assertThat(states(callId)).containsExactly("ALERTING:MATCHED:" + first + ":" + tenant.tenantId());
        assertThat(told(callId)).hasSize(1);
        assertThat(messages(callId)).hasSize(1);
        assertThat(linkAudits()).isEqualTo(auditsBefore + 1);
        // an event older than the sweep's window is left alone
        assertThat(links.sweep(Instant.now().plusSeconds(60), Instant.now())).isZero();
    }

    /** The audit entries of linkings that linked this call's events: the source of each. */
    private List<String> linkings(String callId) {
        return jdbc.sql("SELECT details FROM audit_entry WHERE action = 'CALL_EVENTS_LINKED' AND tenant_id = ? "
                        + "AND details LIKE ? ORDER BY seq")
                .params(tenant.tenantId(), "%\"" + callId + "\"%").query(String.class).list().stream()
                .map(details -> JsonPath.<String>read(details, "$.source")).toList();
    }

    /** How many transactions tagged the call's events as linked by them. */
    private long linkIds(String callId) {
        return jdbc.sql("SELECT COUNT(DISTINCT linked_id) FROM call_event WHERE call_id = ?").param(callId)
                .query(Long.class).single();
    }

    /**
     * Whether a connection is running a linking's UPDATE: while the held linking sits idle in its transaction, one
     * that runs it waits for the held rows (INNODB_TRX would say so outright, but needs the PROCESS privilege).
     */
    private boolean aLinkingWaits() {
        return jdbc.sql("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' "
                + "AND INFO LIKE 'UPDATE call_event SET binding_id%'").query(Long.class).single() > 0;
    }

    /**
     * Runs {@code first} until it has linked the call's events and stopped inside its transaction (rows changed, not
     * committed), then {@code second} until it waits for those rows, then lets both finish.
     */
    private void heldThenRival(String callId, Callable<?> first, Callable<?> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        HeldLinkings.Hold hold = held.next(callId);
        try {
            Future<?> holding = pool.submit(first);
            hold.reached();
            Future<?> rival = pool.submit(second);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> rival.isDone() || aLinkingWaits());
            assertThat(rival.isDone()).as("the rival waits for the held rows rather than finishing").isFalse();
            hold.release();
            holding.get(30, TimeUnit.SECONDS);
            rival.get(30, TimeUnit.SECONDS);
        } finally {
            hold.release();
            pool.shutdownNow();
        }
    }

    private Callable<Object> record(String callId, Instant start) {
        return () -> pushRecord(IngestionTests.record(callId, x, a1, b1, start, 20, "ANSWERED"))
                .andExpect(jsonPath("$.accepted").value(1));
    }

    private Callable<Object> laterEvent(String callId, Instant start) {
        return () -> pushEvents(CallEventTests.event(callId, x, "DISCONNECTED", "16", start.plusSeconds(25), first))
                .andExpect(jsonPath("$.events[0].status").value("MATCHED"));
    }

    /** Two events of a call stored unmatched, waiting for its match. */
    private void twoWaiting(String callId, Instant start) throws Exception {
        pushEvents(CallEventTests.event(callId, x, "ALERTING", null, start, null),
                CallEventTests.event(callId, x, "ANSWERED", null, start.plusSeconds(5), null))
                .andExpect(jsonPath("$.events[0].status").value("NO_BINDING"))
                .andExpect(jsonPath("$.events[1].status").value("NO_BINDING"));
    }

    /**
     * Every event of the call matched to the first binding, linked by one transaction, pushed once (its webhook message
     * committed with it) and the linking audited once.
     */
    private void linkedOnce(String callId) {
        String linked = ":MATCHED:" + first + ":" + tenant.tenantId();
        assertThat(states(callId)).containsExactly("ALERTING" + linked, "ANSWERED" + linked, "DISCONNECTED" + linked);
        assertThat(linkIds(callId)).as("one transaction linked the earlier events").isEqualTo(1);
        assertThat(messages(callId)).as("one webhook message per event").hasSize(3);
        assertThat(linkings(callId)).hasSize(1);
    }

    /** Each event told to listeners once (no attempt was run again here: the rival only waited). */
    private void toldOnce(String callId) {
        assertThat(told(callId)).extracting(h -> h.event().type())
                .containsExactlyInAnyOrder(CallEventType.ALERTING, CallEventType.ANSWERED, CallEventType.DISCONNECTED);
    }

    /** The record and a later event of the call, either one linking first while the other waits for its rows. */
    @ParameterizedTest(name = "the record first: {0}")
    @ValueSource(booleans = {true, false})
    void theRecordAndALaterEventLinkingAtOnceLinkEachEarlierEventOnce(boolean recordFirst) throws Exception {
        String callId = "race-" + recordFirst + "-" + System.nanoTime();
        Instant start = now.minusSeconds(60);
        twoWaiting(callId, start);
        Callable<Object> record = record(callId, start);
        Callable<Object> later = laterEvent(callId, start);

        heldThenRival(callId, recordFirst ? record : later, recordFirst ? later : record);

        linkedOnce(callId);
        assertThat(linkings(callId)).containsExactly(recordFirst ? "CALL_RECORD" : "CALL_EVENT");
        toldOnce(callId);
    }

    @Test
    void theSweepAndALaterEventLinkingAtOnceLinkEachEarlierEventOnce() throws Exception {
        String callId = "race-sweep-" + System.nanoTime();
        Instant start = now.minusSeconds(60);
        twoWaiting(callId, start);
        // the record matched where its own transaction could not link the events (re-linking, an operator)
        String stranger = "13" + String.valueOf(System.nanoTime()).substring(0, 9);
        pushRecord(IngestionTests.record(callId, x, stranger, b1, start, 20, "ANSWERED"))
                .andExpect(jsonPath("$.unmatched").value(1));
        jdbc.sql("UPDATE call_record SET match_status = 'MATCHED', binding_id = ?, tenant_id = ? WHERE call_id = ?")
                .params(first, tenant.tenantId(), callId).update();

        heldThenRival(callId, () -> links.sweep(now.minusSeconds(3600), Instant.now()), laterEvent(callId, start));

        linkedOnce(callId);
        assertThat(linkings(callId)).containsExactly("RELINK_SWEEP");
        toldOnce(callId);
    }

    /** The record, a later event and the sweep started together, round after round, in whatever order they meet. */
    @Test
    void theRecordALaterEventAndTheSweepStartedTogetherLinkEachEarlierEventOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 10; round++) {
                String callId = "race-all-" + round + "-" + System.nanoTime();
                Instant start = now.minusSeconds(60);
                twoWaiting(callId, start);
                CyclicBarrier together = new CyclicBarrier(3);
                List<Callable<Object>> racers = List.of(record(callId, start), laterEvent(callId, start),
                        () -> links.sweep(now.minusSeconds(3600), Instant.now()));
                List<Future<Object>> done = racers.stream().map(racer -> pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return racer.call();
                })).toList();
                for (Future<Object> racer : done) {
                    racer.get(60, TimeUnit.SECONDS);
                }

                linkedOnce(callId);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
