package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.support.PortalIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A group of outcomes recorded in one transaction: each message gets its own result (delivered, due again, failed
 * for good, handed back), each sent one its attempt row, and a message whose claim was taken over meanwhile is left
 * to its new holder untouched.
 */
@PortalIntegrationTest
class DeliveryBatchTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    DeliveryLedger ledger;
    @Autowired
    JdbcClient jdbc;

    final List<TestReceiver> receivers = new ArrayList<>();

    @BeforeEach
    void drain() {
        // what earlier tests left due is sent now, so that the claims below hold this test's messages
        worker.deliverDue();
    }

    @AfterEach
    void stop() {
        receivers.forEach(TestReceiver::close);
    }

    @Test
    void oneRecordingOfMixedOutcomesGivesEachMessageItsOwnResultAndLeavesATakenOverClaimAlone() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made endpoint = api().endpoint(tenant, receiver().url(), "binding.created");
        String ok = api().testSend(tenant, endpoint);
        String error = api().testSend(tenant, endpoint);
        String timeout = api().testSend(tenant, endpoint);
        String expired = api().testSend(tenant, endpoint);
        String takenOver = api().testSend(tenant, endpoint);
        String handedBack = api().testSend(tenant, endpoint);
        jdbc.sql("UPDATE webhook_message SET retry_until = ? WHERE msg_id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), expired).update();

        // far more than this test's six: earlier tests' messages to failing endpoints come due again within a second of
        // the drain, before these, and are simply handed back below
        List<DeliveryLedger.Claimed> claimed = ledger.claim(10_000);
        // another node took this one over after its claim lapsed (as if this node had stalled for two minutes)
        jdbc.sql("UPDATE webhook_message SET claim_token = 'another-node', claimed_until = ? WHERE msg_id = ?")
                .params(Timestamp.from(Instant.now().plusSeconds(3600)), takenOver).update();
        Map<String, WebhookSender.Outcome> outcomes = Map.of(
                ok, new WebhookSender.Outcome(200, null, "{\"ok\":true}", 3),
                error, new WebhookSender.Outcome(500, null, "{\"ok\":false}", 4),
                timeout, new WebhookSender.Outcome(null, "TIMEOUT: no answer in time", null, 1000),
                expired, new WebhookSender.Outcome(503, null, null, 5),
                takenOver, new WebhookSender.Outcome(200, null, null, 6));
        List<DeliveryLedger.Done> done = claimed.stream()
                .map(m -> outcomes.containsKey(m.msgId()) ? DeliveryLedger.Done.sent(m, outcomes.get(m.msgId()))
                        : DeliveryLedger.Done.handedBack(m))
                .toList();
        assertThat(claimed).extracting(DeliveryLedger.Claimed::msgId).contains(ok, error, timeout, expired, takenOver, handedBack);

        ledger.record(done);

        assertThat(row(ok)).containsEntry("status", "DELIVERED").containsEntry("attempts", 1)
                .containsEntry("last_status_code", 200).containsEntry("last_duration_ms", 3).containsEntry("last_error", null)
                .containsEntry("claim_token", null);
        assertThat(row(ok).get("finished_at")).isNotNull();
        assertThat(row(error)).containsEntry("status", "PENDING").containsEntry("attempts", 1)
                .containsEntry("last_status_code", 500).containsEntry("last_error", "HTTP 500").containsEntry("claim_token", null)
                .containsEntry("finished_at", null);
        assertThat((LocalDateTime) row(error).get("next_attempt_at")).as("due again after a backoff")
                .isAfter((LocalDateTime) row(error).get("created_at"));
        assertThat(row(timeout)).containsEntry("status", "PENDING").containsEntry("attempts", 1)
                .containsEntry("last_status_code", null).containsEntry("last_error", "TIMEOUT: no answer in time");
        assertThat(row(expired)).as("past its retry_until").containsEntry("status", "FAILED").containsEntry("attempts", 1)
                .containsEntry("last_status_code", 503);
        assertThat(row(expired).get("finished_at")).isNotNull();
        assertThat(row(takenOver)).as("the new holder's claim and nothing of this attempt")
                .containsEntry("status", "PENDING").containsEntry("attempts", 0).containsEntry("claim_token", "another-node")
                .containsEntry("last_status_code", null);
        assertThat(row(handedBack)).containsEntry("status", "PENDING").containsEntry("attempts", 0)
                .containsEntry("claim_token", null).containsEntry("claimed_until", null);

        assertThat(attempts(ok)).containsExactly(200);
        assertThat(attempts(error)).containsExactly(500);
        assertThat(attempts(timeout)).containsExactly((Integer) null);
        assertThat(attempts(expired)).containsExactly(503);
        assertThat(attempts(takenOver)).isEmpty();
        assertThat(attempts(handedBack)).isEmpty();
        assertThat(failingSince(endpoint)).as("an endpoint that answered 2xx in the group is not failing").isNull();
    }

    @Test
    void oneRunSendsToAnAnsweringAFailingAndAHangingEndpointAndRecordsEach() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        TestReceiver failing = receiver();
        TestReceiver hanging = receiver();
        failing.answer(TestReceiver.Answer.status(500));
        hanging.answer(TestReceiver.Answer.hang());
        WebhookApi.Made answeringEndpoint = api().endpoint(tenant, receiver().url(), "binding.created");
        WebhookApi.Made failingEndpoint = api().endpoint(tenant, failing.url(), "binding.created");
        WebhookApi.Made hangingEndpoint = api().endpoint(tenant, hanging.url(), "binding.created");
        String ok = api().testSend(tenant, answeringEndpoint);
        String error = api().testSend(tenant, failingEndpoint);
        String timeout = api().testSend(tenant, hangingEndpoint);

        assertThat(worker.deliverDue()).isGreaterThanOrEqualTo(3);

        assertThat(row(ok)).containsEntry("status", "DELIVERED").containsEntry("last_status_code", 200)
                .containsEntry("claim_token", null);
        assertThat(row(error)).containsEntry("status", "PENDING").containsEntry("last_status_code", 500)
                .containsEntry("claim_token", null);
        assertThat((String) row(timeout).get("last_error")).startsWith("TIMEOUT");
        assertThat(row(timeout)).containsEntry("status", "PENDING").containsEntry("claim_token", null);
        assertThat(attempts(ok)).containsExactly(200);
        assertThat(attempts(error)).containsExactly(500);
        assertThat(attempts(timeout)).containsExactly((Integer) null);
        assertThat(failingSince(answeringEndpoint)).isNull();
        assertThat(failingSince(failingEndpoint)).isNotNull();
        assertThat(failingSince(hangingEndpoint)).isNotNull();
    }

    private TestReceiver receiver() throws Exception {
        TestReceiver receiver = new TestReceiver();
        receivers.add(receiver);
        return receiver;
    }

    private WebhookApi api() {
        return new WebhookApi(mvc, worker);
    }

    private Map<String, Object> row(String msgId) {
        return jdbc.sql("""
                SELECT status, attempts, last_status_code, last_duration_ms, last_error, claim_token, claimed_until, finished_at,
                    next_attempt_at, created_at FROM webhook_message WHERE msg_id = ?""").param(msgId).query().singleRow();
    }

    private List<Integer> attempts(String msgId) {
        return jdbc.sql("""
                SELECT a.status_code FROM webhook_attempt a JOIN webhook_message m ON m.id = a.message_id
                WHERE m.msg_id = ? ORDER BY a.id""").param(msgId).query((rs, n) -> (Integer) rs.getObject(1)).list();
    }

    private Object failingSince(WebhookApi.Made endpoint) {
        return jdbc.sql("SELECT failing_since FROM webhook_endpoint WHERE id = ?").param(endpoint.id()).query().singleRow()
                .get("failing_since");
    }
}
