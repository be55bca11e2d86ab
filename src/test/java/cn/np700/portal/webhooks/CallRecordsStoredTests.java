package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.CallRecordsStored;
import cn.np700.portal.calls.ingestion.IngestionTests;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.PortalIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code call.records.stored}: a carrier batch pushed through the carrier API reaches each subscribed endpoint as one
 * signed message holding only its enterprise's records, in the batch's order, each exactly what
 * {@code call.record.stored} carries for it; an endpoint on both types gets both; a message holds at most 500.
 */
@PortalIntegrationTest
class CallRecordsStoredTests {

    static final String BATCHED = "call.records.stored";
    static final String SINGLE = "call.record.stored";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    final List<TestReceiver> receivers = new ArrayList<>();
    WebhookApi api;
    CallRecordPushes pushes;

    /** A tenant with one live AXB binding, made an hour ago so that the records' calls fall in it. */
    record Bound(TestBindings.Ready tenant, String a, String b, long x) {
    }

    @BeforeEach
    void start() {
        api = new WebhookApi(mvc, worker);
        pushes = new CallRecordPushes(mvc, jdbc, carriers.create(""));
    }

    @AfterEach
    void stop() {
        receivers.forEach(TestReceiver::close);
    }

    @Test
    void aBatchOfTwoEnterprisesReachesEachEndpointAsOneSignedMessageOfItsOwnRecordsInTheBatchsOrder() throws Exception {
        Bound one = bound();
        Bound two = bound();
        TestReceiver toOne = receiver();
        TestReceiver toTwo = receiver();
        WebhookApi.Made endpointOne = api.endpoint(one.tenant(), toOne.url(), BATCHED);
        WebhookApi.Made endpointTwo = api.endpoint(two.tenant(), toTwo.url(), BATCHED);
        String prefix = "batched-" + System.nanoTime() + "-";
        List<String> records = new ArrayList<>();
        List<String> ofOne = new ArrayList<>();
        List<String> ofTwo = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Bound bound = i % 3 == 1 ? two : one;
            String callId = prefix + i;
            (bound == one ? ofOne : ofTwo).add(callId);
            records.add(IngestionTests.record(callId, bound.x(), bound.a(), bound.b(), callStart(), 30 + i, "ANSWERED"));
        }

        push(records);

        assertThat(messagesOf(endpointOne)).as("one message for the batch").isEqualTo(1);
        assertThat(messagesOf(endpointTwo)).as("one message for the batch").isEqualTo(1);
        api.deliverUntil(() -> toOne.received().size() == 1 && toTwo.received().size() == 1);
        TestReceiver.Received atOne = toOne.received().get(0);
        TestReceiver.Received atTwo = toTwo.received().get(0);
        assertThat(new StandardWebhooksVerifier(endpointOne.secret())
                .verifies(atOne.id(), atOne.timestamp(), atOne.signature(), atOne.body())).isTrue();
        assertThat(new StandardWebhooksVerifier(endpointTwo.secret())
                .verifies(atTwo.id(), atTwo.timestamp(), atTwo.signature(), atTwo.body())).isTrue();
        assertThat((String) JsonPath.read(atOne.body(), "$.type")).isEqualTo(BATCHED);
        assertThat(callIds(atOne)).as("only its enterprise's records, in the batch's order").isEqualTo(ofOne);
        assertThat(callIds(atTwo)).as("only its enterprise's records, in the batch's order").isEqualTo(ofTwo);
        List<Number> recordIds = JsonPath.read(atOne.body(), "$.data.records[*].recordId");
        assertThat(recordIds.stream().map(Number::longValue).toList()).as("the stored records' ids")
                .containsExactlyElementsOf(jdbc.sql("SELECT id FROM call_record WHERE call_id IN (:ids) ORDER BY call_id")
                        .param("ids", ofOne).query(Long.class).list());
    }

    @Test
    void anEndpointOnBothTypesGetsTheBatchAndEachRecordWithTheSameContent() throws Exception {
        Bound bound = bound();
        TestReceiver receiver = receiver();
        WebhookApi.Made endpoint = api.endpoint(bound.tenant(), receiver.url(), SINGLE, BATCHED);
        String prefix = "both-" + System.nanoTime() + "-";
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(IngestionTests.record(prefix + i, bound.x(), bound.b(), bound.a(), callStart(), 40 + i, "ANSWERED"));
        }

        push(records);

        assertThat(messagesOf(endpoint)).isEqualTo(4);
        api.deliverUntil(() -> receiver.received().size() == 4);
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(endpoint.secret());
        assertThat(receiver.received()).allSatisfy(r ->
                assertThat(verifier.verifies(r.id(), r.timestamp(), r.signature(), r.body())).isTrue());
        assertThat(receiver.ofType(BATCHED)).hasSize(1);
        assertThat(receiver.ofType(SINGLE)).hasSize(3);
        List<Map<String, Object>> inTheBatch = JsonPath.read(receiver.ofType(BATCHED).get(0).body(), "$.data.records");
        List<Map<String, Object>> oneByOne = receiver.ofType(SINGLE).stream()
                .<Map<String, Object>>map(r -> JsonPath.read(r.body(), "$.data"))
                .sorted(Comparator.comparing(data -> (String) data.get("callId"))).toList();
        assertThat(inTheBatch).as("each record as call.record.stored carries it").isEqualTo(oneByOne);
        assertThat(inTheBatch).extracting(data -> data.get("callId"))
                .containsExactly(prefix + 0, prefix + 1, prefix + 2);
        assertThat(inTheBatch.get(0)).containsKeys("recordId", "bindingId", "x", "caller", "callee", "startedAt",
                "endedAt", "durationSeconds", "releaseCause");
        assertThat((String) inTheBatch.get(0).get("caller")).as("masked").contains("****");
    }

    @Test
    void aMessageHoldsAtMostFiveHundredRecords() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made endpoint = api.endpoint(tenant, receiver().url(), BATCHED);
        TenantId t = TenantId.of(tenant.tenantId());
        Instant now = Instant.now();
        List<CallRecordsStored.Stored> stored = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            stored.add(new CallRecordsStored.Stored(t, 1_000_000 + i, null, "big-" + i, tenant.firstX(), "139****0000",
                    "139****1111", now, now, 0, 16));
        }

        tx.executeWithoutResult(s -> events.publishEvent(new CallRecordsStored(stored)));

        List<String> payloads = jdbc.sql("SELECT payload FROM webhook_message WHERE endpoint_id = ? ORDER BY id")
                .param(endpoint.id()).query(String.class).list();
        assertThat(payloads).extracting(p -> (Integer) JsonPath.read(p, "$.data.records.length()")).containsExactly(500, 1);
        assertThat((String) JsonPath.read(payloads.get(1), "$.data.records[0].callId")).isEqualTo("big-500");
    }

    private Bound bound() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String body = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        jdbc.sql("UPDATE binding SET created_at = created_at - INTERVAL 1 HOUR WHERE tenant_id = ?")
                .param(tenant.tenantId()).update();
        return new Bound(tenant, a, b, Long.parseLong(JsonPath.read(body, "$.x")));
    }

    private static Instant callStart() {
        return Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
    }

    private void push(List<String> records) throws Exception {
        pushes.push(records, 0);
    }

    private TestReceiver receiver() throws Exception {
        TestReceiver receiver = new TestReceiver();
        receivers.add(receiver);
        return receiver;
    }

    private long messagesOf(WebhookApi.Made endpoint) {
        return pushes.messagesOf(endpoint);
    }

    private static List<String> callIds(TestReceiver.Received received) {
        return JsonPath.read(received.body(), "$.data.records[*].callId");
    }
}
