package cn.np700.portal.calls.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.calls.CallStatusReported;
import cn.np700.portal.calls.TestCallEvents;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.PortalIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The carrier's call events: checked field by field, stored once however often sent, matched to the routed call's
 * binding (or kept unmatched), and told to listeners inside the storing transaction when matched.
 */
@PortalIntegrationTest
class CallEventTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    TestCallEvents heard;
    @Autowired
    JdbcClient jdbc;

    String carrier;
    TestBindings.Ready tenant;
    long bindingId;
    long x;
    Instant now;

    @BeforeEach
    void bound() throws Exception {
        carrier = carriers.create("");
        tenant = bindings.tenant();
        heard.watch(TenantId.of(tenant.tenantId()));
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String body = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        x = Long.parseLong(JsonPath.read(body, "$.x"));
        bindingId = ((Number) JsonPath.read(body, "$.id")).longValue();
        jdbc.sql("UPDATE binding SET created_at = created_at - INTERVAL 1 HOUR WHERE tenant_id = ?").param(tenant.tenantId())
                .update();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static String event(String callId, long x, String type, String cause, Instant at, Long bindingId) {
        return "{\"callId\":\"" + callId + "\",\"x\":\"" + x + "\",\"type\":\"" + type + "\""
                + (cause == null ? "" : ",\"cause\":\"" + cause + "\"") + ",\"time\":\"" + at + "\""
                + (bindingId == null ? "" : ",\"bindingId\":" + bindingId) + "}";
    }

    ResultActions push(String body) throws Exception {
        return mvc.perform(post("/api/carrier/v1/call-events").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private long rows(String callId) {
        return jdbc.sql("SELECT COUNT(*) FROM call_event WHERE call_id = ?").param(callId).query(Long.class).single();
    }

    private List<TestCallEvents.Heard<CallStatusReported>> told(String callId) {
        return heard.of(CallStatusReported.class).stream().filter(h -> h.event().callId().equals(callId)).toList();
    }

    @Test
    void anEventTheRoutingAnswerNamesIsMatchedStoredAndToldInsideItsTransaction() throws Exception {
        String callId = "ev-" + System.nanoTime();
        push(event(callId, x, "ALERTING", null, now.minusSeconds(3), bindingId)).andExpect(status().isOk())
                .andExpect(jsonPath("$.callId").value(callId)).andExpect(jsonPath("$.type").value("ALERTING"))
                .andExpect(jsonPath("$.status").value("MATCHED")).andExpect(jsonPath("$.bindingId").value(bindingId));

        assertThat(jdbc.sql("SELECT CONCAT(match_status, ':', binding_id, ':', tenant_id) FROM call_event WHERE call_id = ?")
                .param(callId).query(String.class).single()).isEqualTo("MATCHED:" + bindingId + ":" + tenant.tenantId());
        List<TestCallEvents.Heard<CallStatusReported>> told = told(callId);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).inTransaction()).as("published in the storing transaction").isTrue();
        assertThat(told.get(0).event()).isEqualTo(new CallStatusReported(TenantId.of(tenant.tenantId()), bindingId, callId,
                x, CallEventType.ALERTING, null, now.minusSeconds(3)));
    }

    @Test
    void theSameEventSentTwiceIsStoredAndToldOnceAndAnsweredTheSame() throws Exception {
        String callId = "ev-twice-" + System.nanoTime();
        String body = event(callId, x, "DISCONNECTED", "16", now.minusSeconds(1), bindingId);
        String first = push(body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String second = push(body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // a later copy with another cause changes nothing either
        String third = push(event(callId, x, "DISCONNECTED", "17", now, bindingId)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(rows(callId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT cause FROM call_event WHERE call_id = ?").param(callId).query(String.class).single())
                .isEqualTo("16");
        assertThat(told(callId)).hasSize(1);
        assertThat(told(callId).get(0).event().cause()).isEqualTo("16");
    }

    @Test
    void anEventWithoutBindingIdJoinsTheOnlyBindingLiveOnItsX() throws Exception {
        String callId = "ev-x-" + System.nanoTime();
        push(event(callId, x, "ANSWERED", null, now.minusSeconds(2), null)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("MATCHED")).andExpect(jsonPath("$.bindingId").value(bindingId));
        assertThat(told(callId)).hasSize(1);
    }

    @Test
    void aDisconnectAfterItsBindingEndedJoinsTheBindingItsCallWasMatchedTo() throws Exception {
        String callId = "ev-end-" + System.nanoTime();
        push(event(callId, x, "ANSWERED", null, now.minusSeconds(5), bindingId))
                .andExpect(jsonPath("$.status").value("MATCHED"));
        mvc.perform(delete("/api/v1/bindings/" + bindingId).header("Authorization", "Bearer " + tenant.key()))
                .andExpect(status().isOk());
        Instant afterTheEnd = Instant.now().plusSeconds(150).truncatedTo(ChronoUnit.MILLIS);

        push(event(callId, x, "DISCONNECTED", "16", afterTheEnd, null)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("MATCHED")).andExpect(jsonPath("$.bindingId").value(bindingId));
        // another call at that moment has no binding to join: X's enterprise holds it, but no binding was live
        String stray = "ev-stray-" + System.nanoTime();
        push(event(stray, x, "DISCONNECTED", "16", afterTheEnd, null)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("NO_BINDING")).andExpect(jsonPath("$.bindingId").doesNotExist());

        assertThat(told(callId)).extracting(h -> h.event().type())
                .containsExactly(CallEventType.ANSWERED, CallEventType.DISCONNECTED);
        assertThat(rows(stray)).isEqualTo(1);
        assertThat(told(stray)).as("an unmatched event is told to no one").isEmpty();
    }

    @Test
    void anEventOnAnXNoEnterpriseHoldsIsKeptUnmatchedAndToldToNoOne() throws Exception {
        String callId = "ev-free-" + System.nanoTime();
        push(event(callId, 700_1000_0499_9999L, "ALERTING", null, now, null)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("NO_TENANT"));
        assertThat(jdbc.sql("SELECT CONCAT(match_status, ':', COALESCE(tenant_id, '-')) FROM call_event WHERE call_id = ?")
                .param(callId).query(String.class).single()).isEqualTo("NO_TENANT:-");
        assertThat(heard.of(CallStatusReported.class)).noneMatch(h -> h.event().callId().equals(callId));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "'{\"x\":\"X\",\"type\":\"ALERTING\",\"time\":\"T\"}'                              | callId    | INVALID_CALL_ID",
            "'{\"callId\":\"C\",\"x\":\"12345\",\"type\":\"ALERTING\",\"time\":\"T\"}'         | x         | UNKNOWN_X",
            "'{\"callId\":\"C\",\"x\":\"700999999999999\",\"type\":\"ALERTING\",\"time\":\"T\"}' | x       | UNKNOWN_X",
            "'{\"callId\":\"C\",\"x\":\"X\",\"type\":\"RINGING\",\"time\":\"T\"}'               | type      | UNKNOWN_EVENT_TYPE",
            "'{\"callId\":\"C\",\"x\":\"X\",\"type\":\"DISCONNECTED\",\"time\":\"T\"}'          | cause     | CAUSE_REQUIRED",
            "'{\"callId\":\"C\",\"x\":\"X\",\"type\":\"ANSWERED\",\"cause\":\"16\",\"time\":\"T\"}' | cause | CAUSE_NOT_ALLOWED",
            "'{\"callId\":\"C\",\"x\":\"X\",\"type\":\"DISCONNECTED\",\"cause\":\"no such cause!\",\"time\":\"T\"}' | cause | INVALID_CAUSE",
            "'{\"callId\":\"C\",\"x\":\"X\",\"type\":\"ALERTING\",\"time\":\"yesterday\"}'      | time      | MALFORMED_TIME",
            "'{\"callId\":\"C\",\"x\":\"X\",\"type\":\"ALERTING\"}'                             | time      | MALFORMED_TIME",
            "'{\"callId\":\"C\",\"x\":\"X\",\"type\":\"ALERTING\",\"time\":\"FUTURE\"}'         | time      | TIME_IN_FUTURE",
            "'{\"callId\":\"C\",\"x\":\"X\",\"type\":\"ALERTING\",\"time\":\"T\",\"bindingId\":0}' | bindingId | INVALID_BINDING_ID"})
    void eachBadFieldIsRefusedWithItsCodeAndNothingIsStored(String template, String field, String code) throws Exception {
        String callId = "ev-bad-" + System.nanoTime();
        String body = template.replace("\"C\"", "\"" + callId + "\"").replace("\"X\"", "\"" + x + "\"")
                .replace("\"T\"", "\"" + now + "\"").replace("\"FUTURE\"", "\"" + now.plusSeconds(3600) + "\"");
        push(body).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].code").value(code));
        assertThat(rows(callId)).isZero();
    }

    @Test
    void everyBadFieldOfOneEventIsReported() throws Exception {
        push("{\"callId\":\"\",\"x\":\"1\",\"type\":\"HUNG_UP\",\"time\":\"soon\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_CALL_ID"))
                .andExpect(jsonPath("$.errors[*].code").value(org.hamcrest.Matchers.contains("INVALID_CALL_ID", "UNKNOWN_X",
                        "UNKNOWN_EVENT_TYPE", "MALFORMED_TIME")));
    }

    @Test
    void aBatchStoresItsGoodEventsReportsTheBadByIndexAndAnswersTheSameWhenSentAgain() throws Exception {
        String callId = "ev-batch-" + System.nanoTime();
        String body = "{\"events\":[" + String.join(",",
                event(callId, x, "ALERTING", null, now.minusSeconds(20), bindingId),
                event(callId, x, "ANSWERED", null, now.minusSeconds(15), null),
                event(callId, x, "DISCONNECTED", null, now.minusSeconds(1), null),
                event(callId, x, "ANSWERED", null, now.minusSeconds(15), null),
                event(callId + "-free", 700_1000_0499_9999L, "ALERTING", null, now, null)) + "]}";
        String first = push(body).andExpect(status().isOk())
                .andExpect(jsonPath("$.stored").value(4)).andExpect(jsonPath("$.unmatched").value(1))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.errors[0].index").value(2)).andExpect(jsonPath("$.errors[0].field").value("cause"))
                .andExpect(jsonPath("$.errors[0].code").value("CAUSE_REQUIRED"))
                .andExpect(jsonPath("$.events[0].index").value(0)).andExpect(jsonPath("$.events[1].status").value("MATCHED"))
                .andExpect(jsonPath("$.events[1].bindingId").value(bindingId))
                .andExpect(jsonPath("$.events[2].index").value(3))
                .andExpect(jsonPath("$.events[3].status").value("NO_TENANT"))
                .andReturn().getResponse().getContentAsString();
        String again = push(body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(again).isEqualTo(first);
        assertThat(rows(callId)).as("ALERTING and ANSWERED, once each").isEqualTo(2);
        assertThat(told(callId)).extracting(h -> h.event().type())
                .containsExactly(CallEventType.ALERTING, CallEventType.ANSWERED);
    }

    @Test
    void aBatchIsBoundedInSize() throws Exception {
        push("{\"events\":[]}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("EMPTY_BATCH"));
        String one = event("ev-big", x, "ALERTING", null, now, null);
        push("{\"events\":[" + String.join(",", java.util.Collections.nCopies(CallEventIngestion.MAX_BATCH + 1, one)) + "]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("BATCH_TOO_LARGE"));
    }

    @Test
    void onlyACarrierCredentialMayReportEvents() throws Exception {
        String callId = "ev-auth-" + System.nanoTime();
        String body = event(callId, x, "ALERTING", null, now, bindingId);
        mvc.perform(post("/api/carrier/v1/call-events").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
        mvc.perform(post("/api/carrier/v1/call-events").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("INVALID_CREDENTIAL"));
        assertThat(rows(callId)).isZero();
    }
}
