package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a load balancer sees of the database: readiness DOWN within 5 s of losing it (stopped, or hung) and UP within
 * 5 s of getting it back, liveness UP throughout, no health call over 2 s, and a pool exhausted by held connections
 * still ready.
 */
@FaultIntegrationTest
class ReadinessFaultTests {

    static final Duration BUDGET = Duration.ofSeconds(5);
    static final long CALL_BUDGET_MS = 2_000;
    static final long POLL_MS = 100;

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMariaDb db;
    @Autowired
    DataSource dataSource;
    @Autowired
    DatabaseProbe probe;
    @Autowired
    DatabaseHealthIndicator indicator;

    HealthCalls calls;

    @BeforeEach
    void readyToStart() throws InterruptedException {
        // not timed: the first request of the JVM loads the HTTP client's classes (1.6 s here), the next take ~50 ms
        assertThat(new HealthCalls(port).readiness().up()).as("ready before the test").isTrue();
        calls = new HealthCalls(port);
        waitForThePool();
    }

    /** After an outage the pool adds connections again only after its back-off (up to 5 s). */
    private void waitForThePool() {
        await("the pool lends connections again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(POLL_MS))
                .ignoreException(SQLException.class).until(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        return true;
                    }
                });
    }

    @Test
    void readinessFollowsTheDatabaseWithinFiveSecondsAndLivenessStaysUp() throws Exception {
        DatabaseOutage outage = new DatabaseOutage(db);
        boolean stopped = false;
        try {
            long stopping = System.nanoTime();
            outage.begin();
            stopped = true;
            double down = secondsUntil(HealthCalls.Answer::down, stopping);
            assertThat(down).as("readiness said DOWN %.1f s after the database began to stop", down)
                    .isLessThanOrEqualTo(BUDGET.toSeconds());
            HealthCalls.Answer health = calls.health();
            assertThat(health.down()).as("/actuator/health during the outage: %s", health).isTrue();

            outage.end();
            stopped = false;
            long back = System.nanoTime();
            double up = secondsUntil(HealthCalls.Answer::up, back);
            assertThat(up).as("readiness said UP %.1f s after the database was back", up)
                    .isLessThanOrEqualTo(BUDGET.toSeconds());
            assertThat(calls.health().up()).isTrue();
            HealthCalls.Answer slowest = calls.slowest();
            assertThat(slowest.millis()).as("the slowest health call: %s", slowest).isLessThan(CALL_BUDGET_MS);
            // ready means the pool lends again, not only that the probe's own connection gets through
            try (Connection lent = dataSource.getConnection()) {
                assertThat(lent.isValid(1)).isTrue();
            }
            System.out.printf("readiness DOWN after %.1f s, UP after %.1f s (the pools lending again), slowest health "
                    + "call %d ms (%s)%n", down, up, slowest.millis(), slowest.path());
        } finally {
            if (stopped) {
                outage.end();
            }
        }
    }

    @Test
    void aHungServerIsDownWithinFiveSecondsToo() throws Exception {
        DatabaseOutage outage = new DatabaseOutage(db);
        boolean frozen = false;
        try {
            long freezing = System.nanoTime();
            outage.freeze();
            frozen = true;
            double down = secondsUntil(HealthCalls.Answer::down, freezing);
            assertThat(down).as("readiness said DOWN %.1f s after the server hung", down)
                    .isLessThanOrEqualTo(BUDGET.toSeconds());

            outage.thaw();
            frozen = false;
            double up = secondsUntil(HealthCalls.Answer::up, System.nanoTime());
            assertThat(up).as("readiness said UP %.1f s after the server answered again", up)
                    .isLessThanOrEqualTo(BUDGET.toSeconds());
            HealthCalls.Answer slowest = calls.slowest();
            assertThat(slowest.millis()).as("the slowest health call: %s", slowest).isLessThan(CALL_BUDGET_MS);
            System.out.printf("hung server: readiness DOWN after %.1f s, UP after %.1f s, slowest health call %d ms (%s)%n",
                    down, up, slowest.millis(), slowest.path());
        } finally {
            if (frozen) {
                outage.thaw();
            }
        }
    }

    @Test
    void aMainPoolExhaustedByHeldConnectionsIsBusyNotDown() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            // what a tenant's binding creations waiting on its locked rows do to the pool
            assertThatThrownBy(() -> {
                while (true) {
                    held.add(dataSource.getConnection());
                }
            }).isInstanceOf(SQLException.class);
            assertThat(held).isNotEmpty();
            Instant exhausted = Instant.now();
            await("probed again since the pool ran out").atMost(BUDGET).pollInterval(Duration.ofMillis(POLL_MS))
                    .until(() -> probe.last().at().isAfter(exhausted.plusSeconds(1)));

            HealthCalls.Answer readiness = calls.readiness();
            HealthCalls.Answer health = calls.health();
            assertThat(readiness.up()).as("readiness with the pool exhausted: %s", readiness).isTrue();
            assertThat(health.up()).as("/actuator/health with the pool exhausted: %s", health).isTrue();
            assertThat(calls.slowest().millis()).as("the slowest health call: %s", calls.slowest()).isLessThan(CALL_BUDGET_MS);

            Health details = indicator.health(true);
            assertThat(details.getStatus()).isEqualTo(Status.UP);
            Map<?, ?> pool = (Map<?, ?>) ((Map<?, ?>) details.getDetails().get("pools")).get("portal");
            assertThat(pool.get("active")).as("the pool's load is told: %s", pool).isEqualTo(pool.get("size"));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    /** Polls readiness (and liveness and the whole health, which must answer in time) until it says what is wanted. */
    private double secondsUntil(Predicate<HealthCalls.Answer> wanted, long start) {
        AtomicReference<Double> saidSo = new AtomicReference<>(Double.POSITIVE_INFINITY);
        Duration left = BUDGET.minusNanos(System.nanoTime() - start);
        if (left.isNegative() || left.isZero()) {
            return saidSo.get();
        }
        try {
            await().atMost(left).pollInterval(Duration.ofMillis(POLL_MS))
                    .until(() -> {
                        HealthCalls.Answer readiness = calls.readiness();
                        double seconds = (System.nanoTime() - start) / 1e9;
                        HealthCalls.Answer liveness = calls.liveness();
                        assertThat(liveness.up()).as("liveness at %.1f s: %s", seconds, liveness).isTrue();
                        calls.health();
                        if (wanted.test(readiness)) {
                            saidSo.set(seconds);
                            return true;
                        }
                        return false;
                    });
        } catch (ConditionTimeoutException e) {
            // the caller's assertion names the budget and what was awaited
        }
        return saidSo.get();
    }
}
