package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.CallRouted;
import cn.np700.portal.consent.ConsentWithdrawn;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.PortalNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A node's worker wakes when an outbox write commits there: with the poll a day apart (the test profile's), a change
 * committed on the node reaches the receiver within seconds, and so do routing's events, written outside any
 * transaction; a write rolled back wakes nothing and sends nothing.
 */
@PortalIntegrationTest
class DeliveryWakeUpTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    ApplicationContext context;

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
    void aCommittedChangesMessageArrivesWithoutWaitingForThePoll() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        TenantId t = TenantId.of(tenant.tenantId());
        new WebhookApi(mvc, worker).endpoint(tenant, receiver.url(), "consent.withdrawn", "call.routed");

        // made after the endpoint, so that it reads the subscription at its start; it polls once a day
        try (PortalNode node = PortalNode.startBeside(context, "webhooks-wake-up",
                "portal.webhooks.delivery.wake-on-commit=true", "portal.webhooks.delivery.poll=PT24H")) {
            TransactionTemplate tx = node.bean(TransactionTemplate.class);
            tx.executeWithoutResult(s -> {
                node.publish(new ConsentWithdrawn(t, 8, "139****0008", Instant.now(), 0));
                s.setRollbackOnly();
            });
            tx.executeWithoutResult(s -> node.publish(new ConsentWithdrawn(t, 7, "139****0007", Instant.now(), 1)));

            await("the committed change's message").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> receiver.ofType("consent.withdrawn").size() == 1);
            assertThat(receiver.ofType("consent.withdrawn").get(0).body()).contains("\"consentId\":7");

            // written by the node's flush, outside any transaction
            node.publish(new CallRouted(t, 1, "call-wake-up", 700100000001L, "139****0000", true, null, Instant.now()));
            await("the routed call's message").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> receiver.ofType("call.routed").size() == 1);
        }
        assertThat(receiver.ofType("consent.withdrawn")).as("the rolled-back one never").hasSize(1);
    }
}
