package cn.np700.portal.webhooks;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.TenantDirectory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The operators' view across enterprises: each one's messages of the last 24 hours by outcome, worst first. */
@Component
class DeliveryHealth {

    public record Row(TenantId tenantId, String tenantName, long delivered, long failed, long pending, long endpoints,
            long enabledEndpoints) {
    }

    public record Totals(long delivered, long failed, long pending) {
    }

    private final JdbcClient jdbc;
    private final TenantDirectory tenants;
    private final Clock clock;

    DeliveryHealth(JdbcClient jdbc, TenantDirectory tenants, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.clock = clock;
    }

    List<Row> lastDay() {
        Map<Long, String> names = tenants.names();
        return jdbc.sql("""
                SELECT e.tenant_id, COUNT(DISTINCT e.id) AS endpoints, COUNT(DISTINCT CASE WHEN e.enabled THEN e.id END) AS enabled,
                    COALESCE(SUM(m.status = 'DELIVERED'), 0) AS delivered, COALESCE(SUM(m.status = 'FAILED'), 0) AS failed,
                    COALESCE(SUM(m.status = 'PENDING'), 0) AS pending
                FROM webhook_endpoint e LEFT JOIN webhook_message m ON m.endpoint_id = e.id AND m.created_at >= ?
                GROUP BY e.tenant_id ORDER BY failed DESC, pending DESC, e.tenant_id LIMIT 200""")
                .param(Timestamp.from(clock.instant().minus(Duration.ofHours(24))))
                .query((rs, n) -> new Row(TenantId.of(rs.getLong("tenant_id")), names.getOrDefault(rs.getLong("tenant_id"), "#" + rs.getLong("tenant_id")),
                        rs.getLong("delivered"), rs.getLong("failed"), rs.getLong("pending"), rs.getLong("endpoints"),
                        rs.getLong("enabled")))
                .list();
    }

    static Totals totals(List<Row> rows) {
        return new Totals(rows.stream().mapToLong(Row::delivered).sum(), rows.stream().mapToLong(Row::failed).sum(),
                rows.stream().mapToLong(Row::pending).sum());
    }
}
