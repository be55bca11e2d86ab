package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.np700.portal.support.PortalIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The routing pool's sessions: MariaDB itself stops a statement that outlives the routing budget. */
@PortalIntegrationTest
class RoutingPoolTests {

    @Autowired
    RoutingDatabase routing;

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
    }
}
