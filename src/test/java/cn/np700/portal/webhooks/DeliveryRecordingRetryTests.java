package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.support.PortalIntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Outcomes whose recording found the database out of reach (every pooled connection taken, as on a starved machine)
 * are kept and recorded once a connection is free again, in the same pass: the messages end delivered within seconds,
 * each sent once, instead of waiting out their two-minute claim and going again.
 */
@PortalIntegrationTest
class DeliveryRecordingRetryTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    DataSource dataSource;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    TestReceiver receiver;
    final List<Connection> taken = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // what earlier tests left due is sent now, so that the pass below holds this test's messages only
        worker.deliverDue();
        receiver = new TestReceiver();
    }

    @AfterEach
    void stop() {
        giveBack();
        receiver.close();
    }

    @Test
    void outcomesThatFoundNoConnectionAreRecordedOnceOneIsFreeAndNothingIsSentTwice() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        WebhookApi api = new WebhookApi(mvc, worker);
        WebhookApi.Made endpoint = api.endpoint(tenant, receiver.url(), "binding.created");
        String first = api.testSend(tenant, endpoint);
        String second = api.testSend(tenant, endpoint);
        int poolSize = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        // the claim has committed by the time a send arrives: the recording after these answers finds no connection
        receiver.beforeAnswering(this::takeEveryConnection);
        double failuresBefore = failures();

        CompletableFuture<Integer> pass = CompletableFuture.supplyAsync(worker::deliverDue);
        await("a recording that found no connection").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> failures() > failuresBefore);
        assertThat(taken).as("the pool's every connection").hasSize(poolSize);
        giveBack();


        assertThat(pass.get(30, TimeUnit.SECONDS)).as("claimed in the pass").isGreaterThanOrEqualTo(2);
        assertThat(statusOf(first)).isEqualTo("DELIVERED");
        assertThat(statusOf(second)).isEqualTo("DELIVERED");
        assertThat(attempts(first)).isEqualTo(1);
        assertThat(attempts(second)).isEqualTo(1);
        assertThat(receiver.received()).extracting(TestReceiver.Received::id).containsExactlyInAnyOrder(first, second);
    }

    private synchronized void takeEveryConnection() {
        if (!taken.isEmpty()) {
            return;
        }
        try {
            int size = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
            for (int i = 0; i < size; i++) {
                taken.add(dataSource.getConnection());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void giveBack() {
        for (Connection connection : taken) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closed already
            }
        }
        taken.clear();
    }

    private double failures() {
        return meters.get(DeliveryWorker.RECORDING_FAILURES).counter().count();
    }

    private String statusOf(String msgId) {
        return jdbc.sql("SELECT status FROM webhook_message WHERE msg_id = ?").param(msgId).query(String.class).single();
    }

    private int attempts(String msgId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_attempt a JOIN webhook_message m ON m.id = a.message_id WHERE m.msg_id = ?")
                .param(msgId).query(Integer.class).single();
    }
}
