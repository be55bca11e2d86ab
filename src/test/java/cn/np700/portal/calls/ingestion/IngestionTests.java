package cn.np700.portal.calls.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.CallRecordsStored;
import cn.np700.portal.calls.TestCallEvents;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.PortalIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Call record ingestion: idempotent by call id, per-record errors, unmatched records kept, roll-ups counted once. */
@PortalIntegrationTest
public class IngestionTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    CallRecordIngestion ingestion;
    @Autowired
    TestCallEvents heard;
    @Autowired
    JdbcClient jdbc;

    String carrier;
    TestBindings.Ready tenant;
    String a;
    String b;
    long x;

    @BeforeEach
    void bound() throws Exception {
        carrier = carriers.create("");
        tenant = bindings.tenant();
        a = bindings.verified(tenant.tenantId());
        b = bindings.verified(tenant.tenantId());
        String body = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        x = Long.parseLong(JsonPath.read(body, "$.x"));
        // calls in the recent past (not ahead of the clock, which would crowd the newest pages of other tests)
        jdbc.sql("UPDATE binding SET created_at = created_at - INTERVAL 1 HOUR WHERE tenant_id = ?").param(tenant.tenantId())
                .update();
    }

    public static String record(String callId, long x, String caller, String callee, Instant start, int duration, String result) {
        return "{\"callId\":\"" + callId + "\",\"x\":\"" + x + "\",\"caller\":\"" + caller + "\",\"callee\":\"" + callee
                + "\",\"type\":\"VOICE\",\"startTime\":\"" + start + "\",\"answerTime\":\"" + start.plusSeconds(5)
                + "\",\"releaseTime\":\"" + start.plusSeconds(5 + duration) + "\",\"durationSeconds\":" + duration
                + ",\"releaseCause\":16,\"releaseSide\":\"CALLER\",\"result\":\"" + result + "\"}";
    }

    ResultActions push(String... records) throws Exception {
        return mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON).content("{\"records\":[" + String.join(",", records) + "]}"));
    }

    private List<String> batch(String prefix, int from, int to) {
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        List<String> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(record(prefix + i, x, i % 2 == 0 ? a : b, i % 2 == 0 ? b : a, start, 30 + i % 60, "ANSWERED"));
        }
        return records;
    }

    private long stored(String prefix) {
        return jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id LIKE ?").param(prefix + "%").query(Long.class).single();
    }

    private long rolledUpCalls() {
        return jdbc.sql("SELECT COALESCE(SUM(calls), 0) FROM call_daily_tenant WHERE tenant_id = ?").param(tenant.tenantId())
                .query(Long.class).single();
    }

    @Test
    void theSameBatchSentThreeTimesIsStoredAndCountedOnce() throws Exception {
        String prefix = "same-" + System.nanoTime() + "-";
        String[] records = batch(prefix, 0, 20).toArray(String[]::new);
        push(records).andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(20))
                .andExpect(jsonPath("$.duplicates").value(0)).andExpect(jsonPath("$.rejected").value(0));
        push(records).andExpect(jsonPath("$.accepted").value(0)).andExpect(jsonPath("$.duplicates").value(20));
        push(records).andExpect(jsonPath("$.accepted").value(0)).andExpect(jsonPath("$.duplicates").value(20));
        assertThat(stored(prefix)).isEqualTo(20);
        assertThat(rolledUpCalls()).isEqualTo(20);
        assertThat(jdbc.sql("SELECT SUM(calls) FROM call_daily WHERE tenant_id = ? AND x = ?").params(tenant.tenantId(), x)
                .query(Long.class).single()).isEqualTo(20);
    }

    @Test
    void overlappingBatchesFromParallelSendersStoreEachRecordOnce() throws Exception {
        String prefix = "overlap-" + System.nanoTime() + "-";
        List<String> all = batch(prefix, 0, 400);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<IngestResult>> results = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            int from = s * 50;
            List<CallRecordJson> slice = new ArrayList<>();
            for (String json : all.subList(from, from + 150)) {
                slice.add(new tools.jackson.databind.json.JsonMapper().readValue(json, CallRecordJson.class));
            }
            results.add(pool.submit(() -> {
                go.await();
                return ingestion.ingest(slice);
            }));
        }
        go.countDown();
        int accepted = 0;
        for (Future<IngestResult> result : results) {
            accepted += result.get().accepted();
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(400);
        assertThat(stored(prefix)).isEqualTo(400);
        assertThat(rolledUpCalls()).isEqualTo(400);
    }

    @Test
    void badRecordsAreReportedByIndexWhileTheGoodOnesAreStored() throws Exception {
        String prefix = "bad-" + System.nanoTime() + "-";
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        String good = record(prefix + "0", x, a, b, start, 40, "ANSWERED");
        String unknownX = record(prefix + "1", 700_0000_0000_0001L, a, b, start, 40, "ANSWERED").replace("\"x\":\"700000000000001\"", "\"x\":\"12345\"");
        String releaseBeforeStart = record(prefix + "2", x, a, b, start, 40, "ANSWERED")
                .replace("\"releaseTime\":\"" + start.plusSeconds(45) + "\"", "\"releaseTime\":\"" + start.minusSeconds(1) + "\"");
        String negative = record(prefix + "3", x, a, b, start, -3, "ANSWERED");
        String malformed = record(prefix + "4", x, "13x", b, start, 40, "ANSWERED");
        String unknownType = record(prefix + "5", x, a, b, start, 40, "ANSWERED").replace("VOICE", "FAX");
        String future = record(prefix + "6", x, a, b, Instant.now().plusSeconds(3600), 40, "ANSWERED");
        push(good, unknownX, releaseBeforeStart, negative, malformed, unknownType, future)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1)).andExpect(jsonPath("$.rejected").value(6))
                .andExpect(jsonPath("$.errors[0].index").value(1)).andExpect(jsonPath("$.errors[0].reason").value("UNKNOWN_X"))
                .andExpect(jsonPath("$.errors[1].reason").value("RELEASE_BEFORE_START"))
                .andExpect(jsonPath("$.errors[2].reason").value("NEGATIVE_DURATION"))
                .andExpect(jsonPath("$.errors[3].reason").value("MALFORMED_NUMBER"))
                .andExpect(jsonPath("$.errors[4].reason").value("UNKNOWN_TYPE"))
                .andExpect(jsonPath("$.errors[5].reason").value("TIME_IN_FUTURE"));
        assertThat(stored(prefix)).isEqualTo(1);
    }

    @Test
    void recordsAreLinkedToTheirBindingOrKeptApartUnmatched() throws Exception {
        String prefix = "link-" + System.nanoTime() + "-";
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        String stranger = bindings.verified(tenant.tenantId());
        push(record(prefix + "ab", x, a, b, start, 20, "ANSWERED"), record(prefix + "ba", x, b, a, start, 0, "NO_ANSWER"),
                record(prefix + "stranger", x, stranger, a, start, 10, "ANSWERED"),
                record(prefix + "free", 700_1000_0499_9999L, a, b, start, 10, "ANSWERED"))
                .andExpect(jsonPath("$.accepted").value(4)).andExpect(jsonPath("$.unmatched").value(2));
        assertThat(jdbc.sql("SELECT CONCAT(match_status, ':', direction, ':', COALESCE(tenant_id, 0)) FROM call_record "
                        + "WHERE call_id LIKE ? ORDER BY call_id").param(prefix + "%").query(String.class).list())
                .containsExactly("MATCHED:A_TO_B:" + tenant.tenantId(), "MATCHED:B_TO_A:" + tenant.tenantId(),
                        "NO_TENANT:UNKNOWN:0", "NO_BINDING:UNKNOWN:0");
        assertThat(jdbc.sql("SELECT caller_masked FROM call_record WHERE call_id = ?").param(prefix + "ab")
                .query(String.class).single()).isEqualTo(a.substring(0, 3) + "****" + a.substring(7));
        assertThat(rolledUpCalls()).isEqualTo(2);
    }

    @Test
    void aBatchIsToldOnceWithTheRecordsItStoredForTenantsInsideItsTransaction() throws Exception {
        heard.watch(TenantId.of(tenant.tenantId()));
        String prefix = "told-" + System.nanoTime() + "-";
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        String first = record(prefix + "ab", x, a, b, start, 20, "ANSWERED");
        push(first).andExpect(jsonPath("$.accepted").value(1));
        push(first, record(prefix + "ba", x, b, a, start, 30, "ANSWERED"), record(prefix + "ba2", x, b, a, start, 0, "BUSY"),
                record(prefix + "free", 700_1000_0499_9999L, a, b, start, 10, "ANSWERED"))
                .andExpect(jsonPath("$.accepted").value(3)).andExpect(jsonPath("$.duplicates").value(1));
        push(first).andExpect(jsonPath("$.duplicates").value(1));

        List<TestCallEvents.Heard<CallRecordsStored>> told = heard.of(CallRecordsStored.class).stream()
                .filter(h -> h.event().records().stream().anyMatch(r -> r.callId().startsWith(prefix))).toList();
        assertThat(told).as("one event per batch that stored a tenant's record").hasSize(2);
        assertThat(told).allMatch(TestCallEvents.Heard::inTransaction);
        assertThat(told.get(0).event().records()).extracting(CallRecordsStored.Stored::callId).containsExactly(prefix + "ab");
        assertThat(told.get(1).event().records()).as("the new matched records only: no duplicate, no unmatched")
                .extracting(CallRecordsStored.Stored::callId).containsExactlyInAnyOrder(prefix + "ba", prefix + "ba2");
        CallRecordsStored.Stored ba = told.get(1).event().records().stream().filter(r -> r.callId().equals(prefix + "ba"))
                .findFirst().orElseThrow();
        assertThat(ba.recordId()).isEqualTo(jdbc.sql("SELECT id FROM call_record WHERE call_id = ?").param(prefix + "ba")
                .query(Long.class).single());
        assertThat(ba.tenant()).isEqualTo(TenantId.of(tenant.tenantId()));
        assertThat(ba.bindingId()).isNotNull();
        assertThat(ba.maskedCaller()).isEqualTo(b.substring(0, 3) + "****" + b.substring(7)).doesNotContain(b);
        assertThat(ba.durationSeconds()).isEqualTo(30);
        assertThat(ba.endedAt()).isEqualTo(start.plusSeconds(35));
    }

    @Test
    void malformedOversizedAndUnknownBatchesAreRefusedWhole() throws Exception {
        String prefix = "whole-" + System.nanoTime() + "-";
        push(batch(prefix, 0, 501).toArray(String[]::new))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("BATCH_TOO_LARGE"));
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"records\":[{\"callId\":"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        push(batch(prefix, 0, 1).get(0).replace("{\"callId\"", "{\"tenantId\":1,\"callId\""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("UNKNOWN_FIELD"));
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"records\":[" + batch(prefix, 0, 1).get(0) + "]}"))
                .andExpect(status().isUnauthorized());
        assertThat(stored(prefix)).isZero();
    }

    /** The answer to each kind of body that is not a batch of records (the carriers' integrations may rely on them). */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "''                                           | 400 | MALFORMED_JSON",
            "'   '                                        | 400 | MALFORMED_JSON",
            "null                                         | 400 | MALFORMED_JSON",
            "records=1                                    | 400 | MALFORMED_JSON",
            "[]                                           | 400 | MALFORMED_JSON",
            "{}                                           | 400 | EMPTY_BATCH",
            "{\"records\":null}                           | 400 | EMPTY_BATCH",
            "{\"records\":[]}                             | 400 | EMPTY_BATCH",
            "{\"records\":\"x\"}                          | 400 | MALFORMED_JSON",
            "{\"records\":{}}                             | 400 | MALFORMED_JSON",
            "{\"records\":[1]}                            | 400 | MALFORMED_JSON",
            "{\"records\":[{\"durationSeconds\":\"abc\"}]} | 400 | MALFORMED_JSON",
            "{\"records\":[{\"bindingId\":1.5}]}          | 200 | INVALID_CALL_ID",
            "{\"records\":[],\"tenantId\":1}              | 400 | UNKNOWN_FIELD",
            "{\"records\":[]} {}                          | 400 | MALFORMED_JSON",
            "{\"records\":[]}]                            | 400 | MALFORMED_JSON",
            "{\"records\":[null]}                         | 200 | EMPTY_RECORD",
            "{\"records\":[{}]}                           | 200 | INVALID_CALL_ID",
    })
    void aBodyThatIsNotABatchOfRecordsGetsItsOwnAnswer(String body, int status, String code) throws Exception {
        ResultActions answer = mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(status == 200 ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON));
        if (status == 200) {
            answer.andExpect(jsonPath("$.accepted").value(0)).andExpect(jsonPath("$.errors[0].reason").value(code));
        } else {
            answer.andExpect(jsonPath("$.code").value(code));
        }
    }
}
