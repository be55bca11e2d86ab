package cn.np700.portal.risk.checks;

import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.risk.alerts.RiskAlerts;
import cn.np700.portal.risk.alerts.RiskHit;
import cn.np700.portal.risk.rules.RiskRule;
import cn.np700.portal.risk.rules.RiskRules;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.bindings.BindingCreated;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.executors.ExecutorNames;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The reach rule on bindings as they are created: one A bound to more distinct B in a day than the threshold.
 * Runs after the binding committed, one at a time on the {@value ExecutorNames#RISK_REACH_CHECKS} pool: the creating
 * request must not wait for it, nor hold its connection while the check takes another (forty parallel creations then
 * starved the pool). A check dropped because the queue is full is made again by the same A's next binding, which
 * counts the whole day.
 */
@Component
class BindingReachCheck {

    private static final Logger log = LoggerFactory.getLogger(BindingReachCheck.class);

    private final JdbcClient jdbc;
    private final RiskRules rules;
    private final RiskAlerts alerts;
    private final PlatformCalendar calendar;
    private final TaskExecutor checks;

    BindingReachCheck(JdbcClient jdbc, RiskRules rules, RiskAlerts alerts, PlatformCalendar calendar,
            @Qualifier(ExecutorNames.RISK_REACH_CHECKS) TaskExecutor checks) {
        this.checks = checks;
        this.jdbc = jdbc;
        this.rules = rules;
        this.alerts = alerts;
        this.calendar = calendar;
    }

    @TransactionalEventListener
    void on(BindingCreated created) {
        long id = created.binding().id();
        Instant createdAt = created.binding().createdAt();
        checks.execute(() -> {
            try {
                check(id, createdAt);
            } catch (RuntimeException e) {
                log.warn("Reach check on binding {} failed", id, e);
            }
        });
    }

    /**
     * One read, no transaction of its own (the alert raises in its own): the binding's A with the distinct B it reached
     * on the binding's day, in one statement; the rule as remembered for a few seconds. It used six round trips with the transaction's
     * own, on the one thread that checks every creation.
     */
    void check(long bindingId, Instant createdAt) {
        RiskRule rule = rules.remembered(RiskRuleCode.MARKETING_REACH);
        if (!rule.enabled()) {
            return;
        }
        record A(TenantId tenant, byte[] hash, String masked, long parties) {
        }
        LocalDate day = calendar.dayOf(createdAt);
        Timestamp from = Timestamp.from(calendar.startOf(day));
        Timestamp to = Timestamp.from(calendar.startOf(day.plusDays(1)));
        A a = jdbc.sql("""
                SELECT a.tenant_id, a.a_hash, a.a_masked, COUNT(DISTINCT p.b_hash) FROM binding_party a
                JOIN binding_party p ON p.tenant_id = a.tenant_id AND p.a_hash = a.a_hash
                     AND p.created_at >= ? AND p.created_at < ? AND p.b_hash IS NOT NULL
                WHERE a.id = ? GROUP BY a.tenant_id, a.a_hash, a.a_masked""")
                .params(from, to, bindingId)
                .query((rs, n) -> new A(TenantId.of(rs.getLong(1)), rs.getBytes(2), rs.getString(3), rs.getLong(4)))
                .optional().orElse(null);
        if (a == null || a.parties() <= rule.threshold()) {
            return;
        }
        long parties = a.parties();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("a", a.masked());
        evidence.put("distinctParties", parties);
        evidence.put("threshold", rule.threshold());
        evidence.put("bindings", jdbc.sql("""
                SELECT id, x, a_masked, b_masked, created_at FROM binding_party
                WHERE tenant_id = ? AND a_hash = ? AND created_at >= ? AND created_at < ? ORDER BY created_at LIMIT 20""")
                .params(a.tenant(), a.hash(), from, to)
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("binding", rs.getLong(1));
                    row.put("x", Long.toString(rs.getLong(2)));
                    row.put("a", rs.getString(3));
                    row.put("b", rs.getString(4) == null ? "" : rs.getString(4));
                    row.put("createdAt", rs.getTimestamp(5).toInstant().toString());
                    return row;
                }).list());
        alerts.raise(new RiskHit(rule.code(), "a:" + HexFormat.of().formatHex(a.hash()), day, a.tenant(),
                a.masked() + " → " + parties, evidence), rule);
    }
}
