package cn.np700.portal.database;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.time.Duration;

/**
 * Waits until both pools hold every connection they may open. After another fault test's outage HikariCP adds
 * connections again only after its back-off (up to 5 s): a test that measures a healthy node under load must not
 * start while the node is still healing, or its first routed calls spend their budget waiting for a connection.
 */
final class FullPools {

    private FullPools() {
    }

    static void awaitBoth(BudgetedDataSource pool, RoutingDatabase routing) {
        await("both pools full").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> full(pool) && full(routing.dataSource()));
    }

    private static boolean full(BudgetedDataSource dataSource) {
        HikariDataSource hikari = (HikariDataSource) dataSource.getTargetDataSource();
        HikariPoolMXBean bean = hikari.getHikariPoolMXBean();
        return bean != null && bean.getTotalConnections() >= hikari.getMaximumPoolSize();
    }
}
