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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Call events stored unmatched are linked once their call's match is known: by the call's record, by a later event of
 * the call, or by the minute's sweep; then told to listeners (and so relayed to the enterprise's endpoints) once, in
 * the linking transaction, and audited. Two AXB bindings share one X, so an event without bindingId cannot tell which
 * call it was.
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
        String body = mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":3600}"))
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
}
