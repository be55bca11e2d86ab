package cn.np700.portal.bindings.dashboard;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Figures for the dashboards: bindings created per day, bindings about to expire, live bindings per tenant. */
@Component
class BindingStats {

    private final JdbcClient jdbc;
    private final PlatformCalendar calendar;
    private final Clock clock;

    BindingStats(JdbcClient jdbc, PlatformCalendar calendar, Clock clock) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Bindings the tenant created on each of the last {@code days} days (platform time zone), oldest first, zeros included. */
    Map<LocalDate, Long> createdPerDay(TenantId tenantId, int days) {
        LocalDate today = calendar.dayOf(clock.instant());
        LocalDate first = today.minusDays(days - 1L);
        int offset = calendar.zone().getRules().getOffset(clock.instant()).getTotalSeconds();
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            perDay.put(day, 0L);
        }
        jdbc.sql("SELECT DATE(created_at + INTERVAL ? SECOND) AS day, COUNT(*) FROM binding "
                        + "WHERE tenant_id = ? AND created_at >= ? GROUP BY day")
                .params(offset, tenantId, Timestamp.from(calendar.startOf(first)))
                .query((rs, n) -> Map.entry(rs.getDate(1).toLocalDate(), rs.getLong(2)))
                .list().forEach(e -> perDay.computeIfPresent(e.getKey(), (k, v) -> e.getValue()));
        return perDay;
    }

    long expiringWithin(TenantId tenantId, java.time.Duration window) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ? AND status = 'ACTIVE' AND expires_at > ? "
                        + "AND expires_at <= ?")
                .params(tenantId, Timestamp.from(now), Timestamp.from(now.plus(window))).query(Long.class).single();
    }

    public record TenantLive(String tenantName, long live) {
    }

    /** The tenants with the most live bindings (from the counters the creations keep), for operators. */
    List<TenantLive> busiestTenants(int limit) {
        return jdbc.sql("SELECT t.name, u.live FROM (SELECT tenant_id, SUM(live) AS live FROM binding_usage GROUP BY tenant_id) u "
                        + "JOIN tenant_profile t ON t.id = u.tenant_id WHERE u.live > 0 "
                        + "ORDER BY u.live DESC, t.name LIMIT ?")
                .param(limit).query((rs, n) -> new TenantLive(rs.getString(1), rs.getLong(2))).list();
    }
}
