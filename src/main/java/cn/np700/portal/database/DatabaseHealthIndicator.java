package cn.np700.portal.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database's part of health and readiness ({@code database}): what the {@link DatabaseProbe} last found, read from
 * memory, so a health call never waits for the database. How busy the two pools are is told as details only: a pool
 * with no free connection is busy, never DOWN (readiness DOWN would take a node out of service for one tenant's locks).
 * A pool that holds no connection at all is DOWN though: after an outage HikariCP waits up to 5 s between attempts to
 * open one, and until it has, every request fails although the probe already reaches the database.
 */
@Component
class DatabaseHealthIndicator implements HealthIndicator {

    /** Probes come every second and give up within two; an answer older than this means the probe itself is stuck. */
    static final Duration STALE = Duration.ofSeconds(4);

    private final DatabaseProbe probe;
    private final BudgetedDataSource pool;
    private final RoutingDatabase routing;

    DatabaseHealthIndicator(DatabaseProbe probe, BudgetedDataSource pool, RoutingDatabase routing) {
        this.probe = probe;
        this.pool = pool;
        this.routing = routing;
    }

    @Override
    public Health health() {
        DatabaseProbe.Reachability last = probe.last();
        if (last == null) {
            return Health.down().withDetail("failure", "not probed yet").build();
        }
        Health.Builder health = last.reachable() ? Health.up() : Health.down().withDetail("failure", last.failure());
        if (last.age().compareTo(STALE) > 0) {
            health = Health.down().withDetail("failure", "no probe for " + last.age().toSeconds() + " s");
        }
        Map<String, Object> pools = new LinkedHashMap<>();
        pools.put("portal", load(pool));
        pools.put("portal-routing", load(routing.dataSource()));
        if (last.reachable()) {
            for (Map.Entry<String, Object> named : pools.entrySet()) {
                if (Integer.valueOf(0).equals(((Map<?, ?>) named.getValue()).get("open"))) {
                    health = Health.down().withDetail("failure", "pool " + named.getKey() + " has no connection open yet");
                }
            }
        }
        return health.withDetail("probedAt", last.at().toString()).withDetail("probeMillis", last.tookMillis())
                .withDetail("pools", pools).build();
    }

    private static Map<String, Object> load(BudgetedDataSource dataSource) {
        Map<String, Object> load = new LinkedHashMap<>();
        if (dataSource.getTargetDataSource() instanceof HikariDataSource hikari) {
            load.put("size", hikari.getMaximumPoolSize());
            HikariPoolMXBean bean = hikari.getHikariPoolMXBean();
            if (bean != null) {
                load.put("open", bean.getTotalConnections());
                load.put("active", bean.getActiveConnections());
                load.put("idle", bean.getIdleConnections());
                load.put("waiting", bean.getThreadsAwaitingConnection());
            }
        }
        return load;
    }
}
