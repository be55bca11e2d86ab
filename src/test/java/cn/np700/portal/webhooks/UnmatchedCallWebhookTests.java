package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.ingestion.IngestionTests;
import cn.np700.portal.calls.ingestion.TestUnmatchedCallLinks;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import com.jayway.jsonpath.JsonPath;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A call record stored unmatched and linked to its binding later, by an operator or by the relinking sweep, reaches
 * the endpoints of the enterprise owning that binding once on each call record type, with what ingestion would have
 * sent for it; another enterprise gets nothing, and a linking rolled back sends nothing.
 */
@PortalIntegrationTest
class UnmatchedCallWebhookTests {

    static final String BATCHED = CallRecordsStoredTests.BATCHED;
    static final String SINGLE = CallRecordsStoredTests.SINGLE;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    TestUnmatchedCallLinks links;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    final List<TestReceiver> receivers = new ArrayList<>();
    final Map<String, String> pushed = new LinkedHashMap<>();
    WebhookApi api;
    CallRecordPushes pushes;

    /** An enterprise with a live AXB binding made now, and its endpoint on both call record types. */
    record Enterprise(TestBindings.Ready tenant, String a, String b, long x, long bindingId, WebhookApi.Made endpoint,
            TestReceiver receiver) {
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
    void aRecordAnOperatorLinksReachesTheOwningEnterpriseOnceOnEachTypeAsIngestionWouldHaveSentIt() throws Exception {
        Enterprise owner = enterprise();
        Enterprise other = enterprise();
        String callId = "hand-" + System.nanoTime();
        pushes.push(List.of(record(callId, owner, 0)), 1);
        long id = recordId(callId);
        String url = "/operator/calls/unmatched/" + id + "/link";

        mvc.perform(post(url).param("bindingId", Long.toString(owner.bindingId()))
                        .param("reason", "Carrier confirmed the call").with(csrf()).with(TestLogins.as(accounts, "reviewer")))
                .andExpect(redirectedUrl("/operator/calls/" + id));
        mvc.perform(post(url).param("bindingId", Long.toString(owner.bindingId())).param("reason", "again")
                .with(csrf()).with(TestLogins.as(accounts, "operator"))).andExpect(redirectedUrl("/operator/calls/" + id));
        visible(owner);
        links.sweep();

        assertThat(messagesOf(owner)).as("one of each type, the link again and the sweep adding none").isEqualTo(2);
        api.deliverUntil(() -> owner.receiver().received().size() == 2);
        assertPushedOnce(owner, List.of(callId));
        assertThat(messagesOf(other)).isZero();
        assertAsIngestionWouldHaveSent(owner, List.of(callId));
        assertThat(other.receiver().received()).isEmpty();
    }

    @Test
    void theSweepsLinkingReachesEachEnterpriseWithOnlyItsOwnRecordsOnce() throws Exception {
        Enterprise one = enterprise();
        Enterprise two = enterprise();
        Enterprise other = enterprise();
        String prefix = "sweep-" + System.nanoTime() + "-";
        List<String> records = new ArrayList<>();
        List<String> ofOne = new ArrayList<>();
        List<String> ofTwo = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Enterprise owner = i % 2 == 1 ? two : one;
            (owner == one ? ofOne : ofTwo).add(prefix + i);
            records.add(record(prefix + i, owner, i));
        }
        pushes.push(records, 5);
        assertThat(messagesOf(one) + messagesOf(two)).as("nothing while unmatched").isZero();

        visible(one);
        visible(two);
        assertThat(links.sweep()).isGreaterThanOrEqualTo(5);
        links.sweep();

        assertThat(messagesOf(one)).as("a message per record and one for the linked records").isEqualTo(3 + 1);
        assertThat(messagesOf(two)).as("a message per record and one for the linked records").isEqualTo(2 + 1);
        assertThat(messagesOf(other)).isZero();
        api.deliverUntil(() -> one.receiver().received().size() == 4 && two.receiver().received().size() == 3);
        assertPushedOnce(one, ofOne);
        assertPushedOnce(two, ofTwo);
        assertAsIngestionWouldHaveSent(one, ofOne);
        assertAsIngestionWouldHaveSent(two, ofTwo);
        assertThat(other.receiver().received()).isEmpty();
    }

    @Test
    void aLinkingRolledBackSendsNothing() throws Exception {
        Enterprise owner = enterprise();
        String callId = "rolled-back-" + System.nanoTime();
        pushes.push(List.of(record(callId, owner, 0)), 1);
        long id = recordId(callId);

        tx.executeWithoutResult(status -> {
            assertThat(links.linkByHand(id, owner.bindingId(), "rolled back")).isTrue();
            status.setRollbackOnly();
        });
        visible(owner);
        tx.executeWithoutResult(status -> {
            assertThat(links.sweep()).isGreaterThanOrEqualTo(1);
            status.setRollbackOnly();
        });
        worker.deliverDue();

        assertThat(jdbc.sql("SELECT match_status FROM call_record WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("NO_BINDING");
        assertThat(messagesOf(owner)).isZero();
        assertThat(owner.receiver().received()).isEmpty();

        assertThat(links.sweep()).as("the linking that commits").isGreaterThanOrEqualTo(1);
        api.deliverUntil(() -> owner.receiver().received().size() == 2);
        assertPushedOnce(owner, List.of(callId));
    }

    @Test
    void anOperatorsLinkRacingTheSweepPushesTheRecordOnceAsOnlyTheSweepsUpdateTookIt() throws Exception {
        Enterprise owner = enterprise();
        String callId = "race-" + System.nanoTime();
        pushes.push(List.of(record(callId, owner, 0)), 1);
        long id = recordId(callId);
        visible(owner);
        CompletableFuture<Boolean> byHand = new CompletableFuture<>();

        tx.executeWithoutResult(status -> {
            assertThat(links.sweep()).isGreaterThanOrEqualTo(1);
            // the operator reads the record still unmatched, then its conditional UPDATE waits for the sweep's row
            Thread operator = new Thread(() -> {
                try {
                    byHand.complete(links.linkByHand(id, owner.bindingId(), "racing the sweep"));
                } catch (Throwable failed) {
                    byHand.completeExceptionally(failed);
                }
            });
            operator.start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> byHand.isDone() || aLinkWaits());
            assertThat(byHand).as("the operator's link waits for the sweep's row").isNotDone();
        });

        assertThat(byHand.get(30, TimeUnit.SECONDS)).as("the sweep's UPDATE took the record first").isFalse();
        assertThat(messagesOf(owner)).as("one of each type, from the sweep only").isEqualTo(2);
        api.deliverUntil(() -> owner.receiver().received().size() == 2);
        assertPushedOnce(owner, List.of(callId));
    }

    /** Whether a connection runs a link's conditional UPDATE (waiting, as the sweep holds the row). */
    private boolean aLinkWaits() {
        return jdbc.sql("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' "
                + "AND INFO LIKE 'UPDATE call_record SET tenant_id%'").query(Long.class).single() > 0;
    }

    /** Each record once alone and once in one message of the linked records, signed, in their stored order. */
    private void assertPushedOnce(Enterprise e, List<String> callIds) {
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(e.endpoint().secret());
        assertThat(e.receiver().received()).allSatisfy(r ->
                assertThat(verifier.verifies(r.id(), r.timestamp(), r.signature(), r.body())).isTrue());
        assertThat(e.receiver().ofType(BATCHED)).hasSize(1);
        assertThat(e.receiver().ofType(SINGLE)).hasSize(callIds.size());
        List<Map<String, Object>> batched = JsonPath.read(e.receiver().ofType(BATCHED).get(0).body(), "$.data.records");
        assertThat(batched).extracting(data -> data.get("callId")).containsExactlyElementsOf(callIds);
        assertThat(batched).extracting(data -> ((Number) data.get("recordId")).longValue())
                .containsExactlyElementsOf(callIds.stream().map(this::recordId).toList());
        assertThat(batched).extracting(data -> ((Number) data.get("bindingId")).longValue())
                .containsOnly(e.bindingId());
        assertThat(batched).as("each record as call.record.stored carries it").isEqualTo(singles(e, callIds));
    }

    /** Pushes the same records again under new call ids, matched now: ingestion's messages carry the same data. */
    private void assertAsIngestionWouldHaveSent(Enterprise e, List<String> callIds) throws Exception {
        int before = e.receiver().received().size();
        pushes.push(callIds.stream().map(callId -> pushed.get(callId)
                .replace("\"callId\":\"" + callId + "\"", "\"callId\":\"twin-" + callId + "\"")).toList(), 0);
        api.deliverUntil(() -> e.receiver().received().size() == before + callIds.size() + 1);
        List<Map<String, Object>> linked = singles(e, callIds);
        List<Map<String, Object>> ingested = singles(e, callIds.stream().map(callId -> "twin-" + callId).toList());
        for (int i = 0; i < callIds.size(); i++) {
            assertThat(withoutIds(linked.get(i))).isEqualTo(withoutIds(ingested.get(i)));
            assertThat(linked.get(i)).containsKeys("recordId", "callId");
        }
    }

    private static Map<String, Object> withoutIds(Map<String, Object> data) {
        Map<String, Object> rest = new LinkedHashMap<>(data);
        rest.remove("recordId");
        rest.remove("callId");
        return rest;
    }

    /** The {@code call.record.stored} data received for these calls, in their order. */
    private static List<Map<String, Object>> singles(Enterprise e, List<String> callIds) {
        List<Map<String, Object>> all = e.receiver().ofType(SINGLE).stream()
                .<Map<String, Object>>map(r -> JsonPath.read(r.body(), "$.data"))
                .filter(data -> callIds.contains((String) data.get("callId"))).toList();
        return all.stream().sorted(Comparator.comparing(data -> callIds.indexOf((String) data.get("callId")))).toList();
    }

    private Enterprise enterprise() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String body = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        TestReceiver receiver = new TestReceiver();
        receivers.add(receiver);
        return new Enterprise(tenant, a, b, Long.parseLong(JsonPath.read(body, "$.x")),
                ((Number) JsonPath.read(body, "$.id")).longValue(), api.endpoint(tenant, receiver.url(), SINGLE, BATCHED),
                receiver);
    }

    /** A call on the enterprise's X two hours ago, before its binding was made: stored unmatched. */
    private String record(String callId, Enterprise e, int i) {
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).plusSeconds(i).truncatedTo(ChronoUnit.MILLIS);
        String json = IngestionTests.record(callId, e.x(), i % 2 == 0 ? e.a() : e.b(), i % 2 == 0 ? e.b() : e.a(), start,
                30 + i, "ANSWERED");
        pushed.put(callId, json);
        return json;
    }

    /** The binding as another node committed it: live since three hours ago, so those calls are its. */
    private void visible(Enterprise e) {
        jdbc.sql("UPDATE binding SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(3, ChronoUnit.HOURS)), e.bindingId()).update();
    }

    private long recordId(String callId) {
        return jdbc.sql("SELECT id FROM call_record WHERE call_id = ?").param(callId).query(Long.class).single();
    }

    private long messagesOf(Enterprise e) {
        return pushes.messagesOf(e.endpoint());
    }
}
