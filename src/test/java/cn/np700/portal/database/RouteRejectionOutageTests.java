package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.security.TestCarrierClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every REJECT the carrier got is in {@code route_rejection} after an outage: the ones still waiting to be written when
 * the database stopped stay in memory through the failed flushes and are written once it is back.
 */
@FaultIntegrationTest
class RouteRejectionOutageTests {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMariaDb db;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final Set<String> rejected = ConcurrentHashMap.newKeySet();

    @Test
    void rejectionsWaitingWhenTheDatabaseStoppedAreAllStoredAfterIt() throws Exception {
        String carrier = carriers.create("");
        String prefix = "outage-" + System.nanoTime() + "-";
        AtomicBoolean routing = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        DatabaseOutage outage = new DatabaseOutage(db);
        boolean stopped = false;
        try {
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                String caller = prefix + c + "-";
                load.add(callers.submit(() -> {
                    for (int i = 0; routing.get(); i++) {
                        route(carrier, caller + i);
                    }
                    return null;
                }));
            }
            poll(() -> rejected.size() >= 50, Duration.ofSeconds(10), "the carrier got its first REJECTs");
            outage.begin();
            stopped = true;
            routing.set(false);
            for (Future<?> caller : load) {
                caller.get(10, TimeUnit.SECONDS);
            }
            double waiting = waiting();
            assertThat(waiting).as("REJECTs not yet written when the database stopped").isPositive();
            // two flushes fail meanwhile (one a second, each giving up after the pool's 1 s): none of them is lost
            await("still waiting during the outage").during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(4))
                    .pollInterval(Duration.ofMillis(100)).until(() -> waiting() == waiting);
            outage.end();
            stopped = false;
            poll(() -> waiting() == 0, Duration.ofSeconds(15), "everything waiting is written after the outage");
            long stored = jdbc.sql("SELECT COUNT(*) FROM route_rejection WHERE call_id LIKE ?").param(prefix + "%")
                    .query(Long.class).single();
            long distinct = jdbc.sql("SELECT COUNT(DISTINCT call_id) FROM route_rejection WHERE call_id LIKE ?")
                    .param(prefix + "%").query(Long.class).single();
            assertThat(stored).as("rows for %d REJECT answers, %.0f of them waiting through the outage", rejected.size(),
                    waiting).isEqualTo(rejected.size());
            assertThat(distinct).isEqualTo(rejected.size());
            System.out.printf("%d REJECT answers, %.0f of them waiting through the outage: %d rows%n", rejected.size(),
                    waiting, stored);
        } finally {
            routing.set(false);
            callers.shutdownNow();
            if (stopped) {
                outage.end();
            }
        }
    }

    private double waiting() {
        return meters.get("portal.route.rejections.pending").gauge().value();
    }

    /** Routes a call to an X nobody holds; counts the REJECT answers (during the outage routing fails instead). */
    private void route(String carrier, String callId) throws Exception {
        String x = "7009" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/carrier/v1/route"))
                .header("Authorization", "Bearer " + carrier).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"callId\":\"" + callId + "\",\"caller\":\"13800138000\","
                        + "\"x\":\"" + x + "\",\"type\":\"VOICE\"}"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"action\":\"REJECT\"")) {
                rejected.add(callId);
            }
        } catch (IOException e) {
            // the portal's answer was lost on the way: not a REJECT the carrier knows of
        }
    }

    private static void poll(BooleanSupplier done, Duration atMost, String what) {
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(done::getAsBoolean);
    }
}
