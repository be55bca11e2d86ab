package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.support.PortalIntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The routing pool: open before the first call asks, and MariaDB itself stops a statement that outlives the routing
 * budget.
 */
@PortalIntegrationTest
class RoutingPoolTests {

    @Autowired
    RoutingDatabase routing;
    @Autowired
    DatabaseEndpoint endpoint;
    @Autowired
    DatabasePoolProperties properties;

    @Test
    void aNewNodesRoutingPoolOpensItsConnectionsBeforeTheFirstCallAsks() {
        try (RoutingDatabase fresh = new DataSourceConfiguration().routingDatabase(endpoint, properties,
                new SimpleMeterRegistry())) {
            HikariDataSource pool = (HikariDataSource) fresh.dataSource().getTargetDataSource();
            assertThat(pool.getHikariPoolMXBean()).as("Hikari opens a pool at its first borrow").isNull();

            new RoutingPoolWarmUp(fresh).open();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(pool.getHikariPoolMXBean()).as("opened by the warm-up").isNotNull();
                assertThat(pool.getHikariPoolMXBean().getIdleConnections()).isEqualTo(properties.routingPool().size());
            });
        }
    }

    @Test
    void theServerStopsARoutingStatementThatOutlivesTheBudget() {
        long start = System.nanoTime();
        Throwable stopped = catchThrowable(() -> routing.jdbc().sql("SELECT SLEEP(10) FROM DUAL").query(Integer.class).single());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(stopped).as("after %d ms", millis).isNotNull();
        assertThat(DatabaseTrouble.isUnavailable(stopped)).as(stopped.toString()).isTrue();
        assertThat(millis).isLessThan(5_000);
        // the connection is fine afterwards: only the statement was stopped
        assertThat(routing.jdbc().sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theLimitIsAMariaDbCommentThatMySqlReadsAsOne() {
        assertThat(DataSourceConfiguration.sessionSettings(1, Duration.ofMillis(1500)))
                .isEqualTo("SET SESSION innodb_lock_wait_timeout = 1 /*M! , max_statement_time = 1.500 */");
        assertThat(DataSourceConfiguration.sessionSettings(2, null)).isEqualTo("SET SESSION innodb_lock_wait_timeout = 2");
        assertThat(DataSourceConfiguration.sessionSettings(1, Duration.ofMillis(1500), GaleraDriverSettings.SESSION))
                .isEqualTo("SET SESSION innodb_lock_wait_timeout = 1, wsrep_sync_wait = 1 /*M! , max_statement_time = 1.500 */");
    }
}
