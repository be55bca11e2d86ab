package cn.np700.portal.risk.alerts;

import cn.np700.portal.risk.RiskAlert;
import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.risk.rules.RiskRule;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.web.SqlWhere;
import java.util.ArrayList;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.suspension.SuspensionReason;
import cn.np700.portal.web.StoredText;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import tools.jackson.databind.json.JsonMapper;

/** Raises alerts (once per rule, subject and day), and records how operators handle them; all audited. */
@Component
public class RiskAlerts {

    private static final String SELECT = """
            SELECT a.id, a.rule, a.subject, a.day, a.tenant_id, t.name, a.severity, a.status, a.summary, a.evidence,
                   a.action, a.note, a.created_at, a.handled_at, a.handled_by
            FROM risk_alert a LEFT JOIN tenant_profile t ON t.id = a.tenant_id""";

    // hand-written: an alert is raised by INSERT IGNORE (once per rule, subject and day, the unique key) and handled by conditional UPDATEs
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final RiskSuspension suspension;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    RiskAlerts(JdbcClient jdbc, ApplicationEventPublisher events, RiskSuspension suspension, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.suspension = suspension;
        this.clock = clock;
    }

    /** Raises the alert unless this rule already flagged this subject that day; acts at once for auto-suspend rules. */
    @RetryOnTransientFailure
    @Transactional
    public boolean raise(RiskHit hit, RiskRule rule) {
        int inserted = jdbc.sql("""
                INSERT IGNORE INTO risk_alert (rule, subject, day, tenant_id, severity, status, summary, evidence, created_at)
                VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
                .params(hit.rule().name(), hit.subject(), Date.valueOf(hit.day()), hit.tenantId(), rule.severity(),
                        hit.summary(), json.writeValueAsString(hit.evidence()), Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            return false;
        }
        long id = jdbc.sql("SELECT id FROM risk_alert WHERE rule = ? AND subject = ? AND day = ?")
                .params(hit.rule().name(), hit.subject(), Date.valueOf(hit.day())).query(Long.class).single();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rule", hit.rule().name());
        details.put("summary", hit.summary());
        String action = null;
        if (rule.autoSuspend()) {
            action = suspension.suspend(RiskSuspension.automatic(hit), id, hit.subject(), hit.tenantId(), "system",
                    StoredText.message("risk.rule." + hit.rule().name()));
            if (action != null) {
                jdbc.sql("UPDATE risk_alert SET action = ?, status = 'ACTED', handled_at = ?, handled_by = 'system' WHERE id = ?")
                        .params(action, Timestamp.from(clock.instant()), id).update();
                details.put("autoSuspended", action);
            }
        }
        events.publishEvent(RiskAudit.of("RISK_ALERT_RAISED", "RISK_ALERT", Long.toString(id), hit.tenantId(), details).bySystem());
        return true;
    }

    /** The alert, if it is within the scope: another tenant's alert is not found, like a missing one. */
    Optional<RiskAlert> find(Scope scope, long id) {
        SqlWhere where = new SqlWhere().and("a.id = ?", id).within(scope, "a.tenant_id");
        return jdbc.sql(SELECT + where.sql()).params(where.params()).query(RiskAlerts::row).optional();
    }

    /** For the operators' actions (after their page found the alert in their scope) and the sweep's. */
    public Optional<RiskAlert> find(long id) {
        return jdbc.sql(SELECT + " WHERE a.id = ?").param(id).query(RiskAlerts::row).optional();
    }

    /** A page of the scope's alerts (narrowed by an operator's filter), newest first. */
    List<RiskAlert> page(RiskAlertFilter filter, Scope scope, TenantFilter tenant, int offset, int size) {
        SqlWhere where = new SqlWhere().within(scope, "a.tenant_id").narrowedTo(tenant, "a.tenant_id");
        if (filter.statusCode() != null) {
            where.and("a.status = ?", filter.statusCode());
        }
        if (filter.ruleCode() != null) {
            where.and("a.rule = ?", filter.ruleCode().name());
        }
        List<Object> params = new ArrayList<>(where.params());
        params.add(size);
        params.add(offset);
        return jdbc.sql(SELECT + where.sql() + " ORDER BY a.id DESC LIMIT ? OFFSET ?").params(params)
                .query(RiskAlerts::row).list();
    }

    @RetryOnTransientFailure
    @Transactional
    boolean acknowledge(long id, String by) {
        return handle(id, "ACKNOWLEDGED", "status = 'OPEN'", null, null, by);
    }

    @RetryOnTransientFailure
    @Transactional
    boolean dismiss(long id, String note, String by) {
        return handle(id, "DISMISSED", "status IN ('OPEN', 'ACKNOWLEDGED')", note, null, by);
    }

    /**
     * Suspends what the operator chose, for the reason they gave (recorded on each subject's reason and as the alert's
     * note); false when the alert is closed or there was nothing to suspend. When another operator closed the alert in
     * the meantime, nothing of this is kept.
     */
    @RetryOnTransientFailure
    @Transactional
    public boolean act(long id, RiskSuspension.Kind kind, String reason, String by) {
        RiskAlert alert = find(id).filter(RiskAlert::open).orElse(null);
        if (alert == null) {
            return false;
        }
        String action = suspension.suspend(kind, id, alert.subject(), alert.tenantId(), by, reason);
        if (action == null) {
            return false;
        }
        if (!handle(id, "ACTED", "status IN ('OPEN', 'ACKNOWLEDGED')", reason, action, by)) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return false;
        }
        return true;
    }

    boolean liftable(RiskAlert alert) {
        return suspension.liftable(alert);
    }

    Map<String, List<SuspensionReason>> openReasons(RiskAlert alert) {
        return suspension.openReasons(alert);
    }

    /**
     * Restores what the alert's suspension stopped and records that on the alert (its action becomes the lifting, the
     * note says why); false when nothing was suspended any more.
     */
    @RetryOnTransientFailure
    @Transactional
    public boolean lift(long id, String note, String by) {
        RiskAlert alert = find(id).orElse(null);
        if (alert == null) {
            return false;
        }
        String action = suspension.lift(alert, by, note);
        if (action == null) {
            return false;
        }
        jdbc.sql("UPDATE risk_alert SET action = ?, note = ?, handled_at = ?, handled_by = ? WHERE id = ?")
                .params(action, note, Timestamp.from(clock.instant()), by, id).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("suspension", alert.action());
        details.put("action", action);
        details.put("note", note);
        events.publishEvent(RiskAudit.of("RISK_ALERT_LIFTED", "RISK_ALERT", Long.toString(id), alert.tenantId(), details));
        return true;
    }

    private boolean handle(long id, String status, String from, String note, String action, String by) {
        TenantId tenant = find(id).map(RiskAlert::tenantId).orElse(null);
        int changed = jdbc.sql("UPDATE risk_alert SET status = ?, note = COALESCE(?, note), action = COALESCE(?, action), "
                        + "handled_at = ?, handled_by = ? WHERE id = ? AND " + from)
                .params(status, note, action, Timestamp.from(clock.instant()), by, id).update();
        if (changed == 0) {
            return false;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", status);
        if (note != null) {
            details.put("note", note);
        }
        if (action != null) {
            details.put("action", action);
        }
        events.publishEvent(RiskAudit.of("RISK_ALERT_" + status, "RISK_ALERT", Long.toString(id), tenant, details));
        return true;
    }

    /** The latest alerts about the 700 number {@code x} itself, newest first. */
    public List<RiskAlert> aboutX(long x, int limit) {
        return jdbc.sql(SELECT + " WHERE a.subject = ? ORDER BY a.created_at DESC, a.id DESC LIMIT ?")
                .params("x:" + x, limit).query(RiskAlerts::row).list();
    }

    private static RiskAlert row(ResultSet rs, int n) throws SQLException {
        Timestamp handled = rs.getTimestamp(14);
        TenantId tenant = TenantId.ofNullable(rs.getObject(5, Long.class)).orElse(null);
        return new RiskAlert(rs.getLong(1), RiskRuleCode.valueOf(rs.getString(2)), rs.getString(3), rs.getDate(4).toLocalDate(),
                tenant, rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getTimestamp(13).toInstant(),
                handled == null ? null : handled.toInstant(), rs.getString(15));
    }
}
