package cn.np700.portal.audit;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SqlWhere;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Filtered, paged reads of the trail; a tenant scope limits a tenant admin to entries about or by their tenant. */
@Component
class AuditEntries {

    private final JdbcClient jdbc;
    private final AuditEntryRows rows;
    private final PlatformCalendar calendar;

    AuditEntries(JdbcClient jdbc, AuditEntryRows rows, PlatformCalendar calendar) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.calendar = calendar;
    }

    Page<AuditEntry> find(AuditFilter filter, Long tenantScope, boolean oldestFirst, PageQuery pageQuery) {
        SqlWhere where = new SqlWhere();
        if (tenantScope != null) {
            where.and("tenant_id = ? OR actor_tenant_id = ?", tenantScope, tenantScope);
        }
        if (filter.from() != null) {
            where.and("occurred_at >= ?", Timestamp.from(calendar.startOf(filter.from())));
        }
        if (filter.to() != null) {
            where.and("occurred_at < ?", Timestamp.from(calendar.startOf(filter.to().plusDays(1))));
        }
        if (filter.actorTrimmed() != null) {
            where.and("actor = ?", filter.actorTrimmed());
        }
        if (filter.tenantId() != null) {
            where.and("tenant_id = ?", filter.tenantId());
        }
        if (filter.actionTrimmed() != null) {
            where.and("action = ?", filter.actionTrimmed());
        }
        return where.page(jdbc, "SELECT COUNT(*) FROM audit_entry" + where.sql(), AuditEntryRows.SELECT + where.sql()
                + " ORDER BY id " + (oldestFirst ? "ASC" : "DESC") + " LIMIT ? OFFSET ?", pageQuery, rows);
    }

    /** The actions the entries in scope hold, for the filter: a tenant's user sees only what happened in theirs. */
    List<String> actions(Long tenantScope) {
        if (tenantScope == null) {
            return jdbc.sql("SELECT DISTINCT action FROM audit_entry ORDER BY action").query(String.class).list();
        }
        return jdbc.sql("SELECT DISTINCT action FROM audit_entry WHERE tenant_id = ? OR actor_tenant_id = ? ORDER BY action")
                .params(tenantScope, tenantScope).query(String.class).list();
    }
}
