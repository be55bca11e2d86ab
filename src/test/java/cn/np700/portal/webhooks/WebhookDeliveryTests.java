package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.BindingSuspensionChanged;
import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.calls.CallRecordsStored;
import cn.np700.portal.calls.CallRouted;
import cn.np700.portal.calls.CallStatusReported;
import cn.np700.portal.compliance.ComplaintCategory;
import cn.np700.portal.compliance.ComplaintReceived;
import cn.np700.portal.consent.ConsentWithdrawn;
import cn.np700.portal.notifications.QuotaThresholdReached;
import cn.np700.portal.numbers.NumbersAudit;
import cn.np700.portal.risk.alerts.RiskAudit;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.PortalNode;
import cn.np700.portal.suspension.SuspensionSource;
import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhooks delivered to a real HTTP receiver on loopback (allowed in the test profile): signed so that a verifier
 * written from the Standard Webhooks specification accepts them, every event type, retries after a 500 and after a
 * timeout with the same webhook-id, redelivery, no delivery to a refused address, and a message committed with its
 * change delivered by another portal context.
 */
@PortalIntegrationTest
class WebhookDeliveryTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    RoutedCallBuffer routed;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    TestReceiver receiver;
    WebhookApi api;

    @BeforeEach
    void start() throws Exception {
        receiver = new TestReceiver();
        api = new WebhookApi(mvc, worker);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void everyEventTypeArrivesSignedSoThatTheSpecificationsVerifierAcceptsIt() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made endpoint = api.endpoint(tenant, receiver.url(), WebhookApi.allTypes());
        TenantId t = TenantId.of(tenant.tenantId());

        // the bindings' own publishers, through the tenant API
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String created = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long bindingId = Long.parseLong(JsonPath.read(created, "$.id").toString());
        long x = Long.parseLong(JsonPath.read(created, "$.x"));
        mvc.perform(patch("/api/v1/bindings/" + bindingId).header("Authorization", "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON).content("{\"expiresInSeconds\":7200}")).andExpect(status().isOk());
        mvc.perform(delete("/api/v1/bindings/" + bindingId).header("Authorization", "Bearer " + tenant.key()))
                .andExpect(status().isOk());

        // the other modules' events, as their publishers publish them (in a transaction; routing's outside any)
        Instant now = Instant.now();
        tx.executeWithoutResult(s -> {
            events.publishEvent(new BindingEnded(bindingId, t, x, BindingStatus.EXPIRED, "EXPIRED", now, true));
            events.publishEvent(new BindingSuspensionChanged(bindingId, t, true, "test", SuspensionSource.OPERATOR, 1));
            events.publishEvent(new BindingSuspensionChanged(bindingId, t, false, "test", SuspensionSource.OPERATOR, 1));
            events.publishEvent(NumbersAudit.of("NUMBER_SUSPENDED", "NUMBER", Long.toString(x), t, Map.of("reason", "test")));
            events.publishEvent(NumbersAudit.of("NUMBER_UNSUSPENDED", "NUMBER", Long.toString(x), t, Map.of("reason", "test")));
            events.publishEvent(RiskAudit.of("RISK_ALERT_RAISED", "RISK_ALERT", "9" + bindingId, t,
                    Map.of("rule", "RESALE", "summary", "test")));
            events.publishEvent(new ComplaintReceived(bindingId, "C-" + bindingId, x, t, ComplaintCategory.OTHER));
            events.publishEvent(new ConsentWithdrawn(t, 7, "139****0000", now, 1));
            events.publishEvent(new QuotaThresholdReached(t, "LIVE_BINDINGS", 80, 8, 10, "2026-12"));
            events.publishEvent(new CallStatusReported(t, bindingId, "call-" + bindingId, x, CallEventType.ANSWERED, null, now));
            events.publishEvent(new CallRecordsStored(List.of(
                    new CallRecordsStored.Stored(t, 1, bindingId, "call-" + bindingId, x, "139****0000", "139****1111", now, now, 0, 16),
                    new CallRecordsStored.Stored(t, 2, bindingId, "call2-" + bindingId, x, "139****0000", "139****1111", now, now, 0, 16))));
        });
        events.publishEvent(new CallRouted(t, bindingId, "call-" + bindingId, x, "139****0000", true, null, now));
        assertThat(routed.flush()).isEqualTo(1);

        Set<String> every = new TreeSet<>(List.of(WebhookApi.allTypes()));
        api.deliverUntil(() -> types(receiver.received()).containsAll(every));

        assertThat(types(receiver.received())).isEqualTo(every);
        assertThat(receiver.ofType("call.record.stored")).hasSize(2);
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(endpoint.secret());
        assertThat(receiver.received()).allSatisfy(r -> {
            assertThat(r.id()).startsWith("msg_");
            assertThat(verifier.verifies(r.id(), r.timestamp(), r.signature(), r.body())).as(r.body()).isTrue();
        });
        TestReceiver.Received first = receiver.received().get(0);
        assertThat(verifier.verifies(first.id(), first.timestamp(), first.signature(), first.body() + " "))
                .as("a body changed on the way").isFalse();
        assertThat(receiver.ofType("binding.created").get(0).body()).contains("\"bindingId\":\"" + bindingId + "\"");
    }

    @Test
    void aFiveHundredAndATimeoutAreRetriedWithTheSameWebhookIdUntilDelivered() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made endpoint = api.endpoint(tenant, receiver.url(), "binding.created");
        receiver.answer(TestReceiver.Answer.status(500), TestReceiver.Answer.hang());

        String msgId = api.testSend(tenant, endpoint);
        api.deliverUntil(() -> statusOf(msgId).equals("DELIVERED"));

        assertThat(receiver.received()).extracting(TestReceiver.Received::id).containsExactly(msgId, msgId);
        List<Map<String, Object>> attempts = jdbc.sql("""
                SELECT a.status_code, a.error FROM webhook_attempt a JOIN webhook_message m ON m.id = a.message_id
                WHERE m.msg_id = ? ORDER BY a.id""").param(msgId).query().listOfRows();
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).get("status_code")).isEqualTo(500);
        assertThat((String) attempts.get(1).get("error")).startsWith("TIMEOUT");
        assertThat(attempts.get(2).get("status_code")).isEqualTo(200);
    }

    @Test
    void aRedeliveryComesAgainWithTheSameWebhookIdAndIsLogged() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made endpoint = api.endpoint(tenant, receiver.url(), "binding.created");
        String msgId = api.testSend(tenant, endpoint);
        api.deliverUntil(() -> receiver.received().size() == 1);

        mvc.perform(post("/api/v1/webhook-endpoints/" + endpoint.id() + "/deliveries/" + msgId + "/redeliver")
                .header("Authorization", "Bearer " + tenant.key()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isAccepted());
        api.deliverUntil(() -> receiver.received().size() == 2);

        assertThat(receiver.received()).extracting(TestReceiver.Received::id).containsExactly(msgId, msgId);
        mvc.perform(get("/api/v1/webhook-endpoints/" + endpoint.id() + "/deliveries/" + msgId)
                        .header("Authorization", "Bearer " + tenant.key()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.delivery.status").value("DELIVERED"))
                .andExpect(jsonPath("$.attempts.length()").value(2));
        assertThat(bindings.audits("WEBHOOK_REDELIVERY_REQUESTED", tenant.tenantId())).isEqualTo(1);
    }

    @Test
    void anEndpointWhoseAddressTurnedPrivateGetsNothing() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made endpoint = api.endpoint(tenant, receiver.url(), "binding.created");
        String msgId = api.testSend(tenant, endpoint);
        // what a DNS answer changed after saving would do: the address is checked again at delivery
        jdbc.sql("UPDATE webhook_endpoint SET url = ? WHERE id = ?").params("http://10.20.30.40:9/hooks", endpoint.id()).update();

        worker.deliverDue();

        assertThat(receiver.received()).isEmpty();
        assertThat(jdbc.sql("SELECT last_error FROM webhook_message WHERE msg_id = ?").param(msgId).query(String.class).single())
                .startsWith("ADDRESS_REFUSED");
    }

    @Test
    void aRotatedSecretSignsBesideThePreviousOneDuringTheSwitch() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made endpoint = api.endpoint(tenant, receiver.url(), "binding.created");
        String rotated = mvc.perform(post("/api/v1/webhook-endpoints/" + endpoint.id() + "/rotate-secret")
                        .header("Authorization", "Bearer " + tenant.key()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String secret = JsonPath.read(rotated, "$.secret");
        assertThat(secret).startsWith("whsec_").isNotEqualTo(endpoint.secret());

        api.testSend(tenant, endpoint);
        api.deliverUntil(() -> receiver.received().size() == 1);

        TestReceiver.Received r = receiver.received().get(0);
        assertThat(r.signature().split(" ")).hasSize(2);
        assertThat(new StandardWebhooksVerifier(secret).verifies(r.id(), r.timestamp(), r.signature(), r.body())).isTrue();
        assertThat(new StandardWebhooksVerifier(endpoint.secret()).verifies(r.id(), r.timestamp(), r.signature(), r.body())).isTrue();
        assertThat(bindings.audits("WEBHOOK_SECRET_ROTATED", tenant.tenantId())).isEqualTo(1);
    }

    @Test
    void aMessageCommittedWithItsChangeIsDeliveredByAnotherContextAfterThisOneStopped() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made endpoint = api.endpoint(tenant, receiver.url(), "binding.created");
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated());
        // this context never delivers (the test profile leaves its worker to the tests): as if stopped after the commit
        String msgId = jdbc.sql("SELECT msg_id FROM webhook_message WHERE endpoint_id = ? AND status = 'PENDING'")
                .param(endpoint.id()).query(String.class).single();

        try (PortalNode node = PortalNode.startBeside(context, "webhooks-after-restart", "portal.webhooks.delivery.poll=PT0.2S")) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> statusOf(msgId).equals("DELIVERED"));
        }
        assertThat(receiver.received()).extracting(TestReceiver.Received::id).containsExactly(msgId);
    }

    private String statusOf(String msgId) {
        return jdbc.sql("SELECT status FROM webhook_message WHERE msg_id = ?").param(msgId).query(String.class).single();
    }

    private static Set<String> types(List<TestReceiver.Received> received) {
        return received.stream().map(r -> (String) JsonPath.read(r.body(), "$.type"))
                .filter(t -> !t.equals("webhook.test")).collect(Collectors.toCollection(TreeSet::new));
    }
}
