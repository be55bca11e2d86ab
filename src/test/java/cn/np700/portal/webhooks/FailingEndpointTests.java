package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An endpoint that keeps failing: its first failure starts the clock, a success stops it, and a failure after
 * {@code disable-after} (3 days) of nothing but failures disables it, audited as the system's act, and tells its
 * admins in their notification centre.
 */
@PortalIntegrationTest
class FailingEndpointTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    JdbcClient jdbc;

    TestReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void anEndpointFailingForDaysIsDisabledAndItsAdminsAreTold() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made endpoint = api().endpoint(tenant, receiver.url(), "binding.created");
        for (int i = 0; i < 20; i++) {
            receiver.answer(TestReceiver.Answer.status(503));
        }

        api().testSend(tenant, endpoint);
        worker.deliverDue();
        assertThat(failingSince(endpoint)).as("the first failure starts the failing period").isNotNull();
        assertThat(enabled(endpoint)).isTrue();

        // three days and a bit of failures later (the period is the database's record, so it is moved back there)
        jdbc.sql("UPDATE webhook_endpoint SET failing_since = failing_since - INTERVAL 73 HOUR WHERE id = ?")
                .param(endpoint.id()).update();
        api().testSend(tenant, endpoint);
        api().deliverUntil(() -> !enabled(endpoint));

        assertThat(jdbc.sql("SELECT disabled_reason FROM webhook_endpoint WHERE id = ?").param(endpoint.id())
                .query(String.class).single()).isEqualTo("FAILING");
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'WEBHOOK_ENDPOINT_DISABLED' AND tenant_id = ?")
                .param(tenant.tenantId()).query(String.class).single()).isEqualTo("system");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE kind = 'WEBHOOK_DISABLED' AND tenant_id = ?")
                .param(tenant.tenantId()).query(Long.class).single()).isEqualTo(1);
        // what is still queued for it is failed, not sent
        String queued = api().testSend(tenant, endpoint);
        worker.deliverDue();
        assertThat(jdbc.sql("SELECT last_error FROM webhook_message WHERE msg_id = ?").param(queued).query(String.class).single())
                .isEqualTo("ENDPOINT_DISABLED");
    }

    @Test
    void aSuccessEndsTheFailingPeriod() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi.Made endpoint = api().endpoint(tenant, receiver.url(), "binding.created");
        receiver.answer(TestReceiver.Answer.status(500));
        String msgId = api().testSend(tenant, endpoint);
        worker.deliverDue();
        assertThat(failingSince(endpoint)).isNotNull();

        api().deliverUntil(() -> receiver.received().size() == 2);

        assertThat(receiver.received()).extracting(TestReceiver.Received::id).containsOnly(msgId);
        assertThat(failingSince(endpoint)).isNull();
        assertThat(enabled(endpoint)).isTrue();
    }

    private WebhookApi api() {
        return new WebhookApi(mvc, worker);
    }

    private Object failingSince(WebhookApi.Made endpoint) {
        return jdbc.sql("SELECT failing_since FROM webhook_endpoint WHERE id = ?").param(endpoint.id()).query().listOfRows()
                .get(0).get("failing_since");
    }

    private boolean enabled(WebhookApi.Made endpoint) {
        return jdbc.sql("SELECT enabled FROM webhook_endpoint WHERE id = ?").param(endpoint.id()).query(Boolean.class).single();
    }
}
