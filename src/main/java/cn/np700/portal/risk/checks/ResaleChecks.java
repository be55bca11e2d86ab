package cn.np700.portal.risk.checks;

import cn.np700.portal.risk.alerts.RiskHit;
import cn.np700.portal.risk.rules.RiskRule;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.calendar.PlatformCalendar;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Resale and hoarding: bindings far above a tenant's declared volume, blocks held but hardly used. */
@Component
class ResaleChecks {

    private final JdbcClient jdbc;
    private final PlatformCalendar calendar;

    ResaleChecks(JdbcClient jdbc, PlatformCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    List<RiskHit> surge(RiskRule rule, LocalDate day) {
        return jdbc.sql("""
                SELECT b.tenant_id, COUNT(*), t.daily_order_volume FROM binding_created b JOIN tenant_profile t ON t.id = b.tenant_id
                WHERE b.created_at >= ? AND b.created_at < ?
                GROUP BY b.tenant_id, t.daily_order_volume HAVING COUNT(*) * 100 > ? * t.daily_order_volume""")
                .params(Timestamp.from(calendar.startOf(day)), Timestamp.from(calendar.startOf(day.plusDays(1))), rule.threshold())
                .query((rs, n) -> {
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("newBindings", rs.getLong(2));
                    evidence.put("declaredDailyVolume", rs.getLong(3));
                    evidence.put("thresholdPercent", rule.threshold());
                    return new RiskHit(rule.code(), "tenant:" + rs.getLong(1), day, TenantId.of(rs.getLong(1)),
                            rs.getLong(2) + " / " + rs.getLong(3), evidence);
                })
                .list();
    }

    /** Calls refused by a key's IP allowlist in a day, per tenant: its keys may be in other hands. */
    List<RiskHit> allowlistRefusals(RiskRule rule, LocalDate day) {
        return jdbc.sql("SELECT tenant_id, COUNT(*), COUNT(DISTINCT client_ip) FROM api_refusal_seen WHERE at >= ? AND at < ? "
                        + "GROUP BY tenant_id HAVING COUNT(*) >= ?")
                .params(Timestamp.from(calendar.startOf(day)), Timestamp.from(calendar.startOf(day.plusDays(1))), rule.threshold())
                .query((rs, n) -> {
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("refusedCalls", rs.getLong(2));
                    evidence.put("addresses", rs.getLong(3));
                    evidence.put("threshold", rule.threshold());
                    return new RiskHit(rule.code(), "tenant:" + rs.getLong(1), day, TenantId.of(rs.getLong(1)),
                            rs.getLong(2) + " / " + rs.getLong(3), evidence);
                })
                .list();
    }

    /** Each block is flagged once, on the day it reached the holding period without enough use. */
    List<RiskHit> hoarding(RiskRule rule, Instant now) {
        Instant heldSince = now.minusSeconds(86_400L * rule.volume());
        return jdbc.sql("""
                SELECT b.code, b.tenant_id, b.allocated_at,
                    (SELECT COUNT(*) FROM pool_number_use p WHERE p.number BETWEEN b.code * 10000 AND b.code * 10000 + 9999),
                    (SELECT COUNT(*) FROM pool_number_use p WHERE p.number BETWEEN b.code * 10000 AND b.code * 10000 + 9999
                        AND p.ever_bound)
                FROM number_block_holder b WHERE b.status = 'ALLOCATED' AND b.allocated_at <= ?""")
                .param(Timestamp.from(heldSince))
                .query((rs, n) -> {
                    long total = rs.getLong(4);
                    long bound = rs.getLong(5);
                    if (total == 0 || bound * 100 >= (long) rule.threshold() * total) {
                        return null;
                    }
                    Instant allocated = rs.getTimestamp(3).toInstant();
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("block", Long.toString(rs.getLong(1)));
                    evidence.put("allocatedAt", allocated.toString());
                    evidence.put("numbers", total);
                    evidence.put("everBound", bound);
                    evidence.put("thresholdPercent", rule.threshold());
                    evidence.put("days", rule.volume());
                    LocalDate due = calendar.dayOf(allocated).plusDays(rule.volume());
                    return new RiskHit(rule.code(), "block:" + rs.getLong(1), due,
                            TenantId.ofNullable(rs.getObject(2, Long.class)).orElse(null), rs.getLong(1) + ": " + bound
                            + " / " + total, evidence);
                })
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }
}
