package cn.np700.portal.audit.web;

import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.audit.trail.AuditEntryRows;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SqlWhere;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Filtered, paged reads of the trail; a tenant's scope limits a tenant admin to entries about or by their tenant. */
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

    Page<AuditEntry> find(AuditFilter filter, Scope scope, boolean oldestFirst, PageQuery pageQuery) {
        SqlWhere where = within(scope);
        if (filter.from() != null) {
            where.and("occurred_at >= ?", Timestamp.from(calendar.startOf(filter.from())));
        }
        if (filter.to() != null) {
            where.and("occurred_at < ?", Timestamp.from(calendar.startOf(filter.to().plusDays(1))));
        }
        if (filter.actorTrimmed() != null) {
            where.and("actor = ?", filter.actorTrimmed());
        }
        where.narrowedTo(filter.tenant(), "tenant_id");
        if (filter.actionTrimmed() != null) {
            where.and("action = ?", filter.actionTrimmed());
        }
        return where.page(jdbc, "SELECT COUNT(*) FROM audit_entry" + where.sql(), AuditEntryRows.SELECT + where.sql()
                + " ORDER BY id " + (oldestFirst ? "ASC" : "DESC") + " LIMIT ? OFFSET ?", pageQuery, rows);
    }

    /** The actions the entries in scope hold, for the filter: a tenant's user sees only what happened in theirs. */
    List<String> actions(Scope scope) {
        SqlWhere where = within(scope);
        return jdbc.sql("SELECT DISTINCT action FROM audit_entry" + where.sql() + " ORDER BY action").params(where.params())
                .query(String.class).list();
    }

    /** An entry is in a tenant's scope when it is about the tenant or was made by one of its users or keys. */
    static SqlWhere within(Scope scope) {
        SqlWhere where = new SqlWhere();
        scope.tenant().ifPresent(tenant -> where.and("tenant_id = ? OR actor_tenant_id = ?", tenant, tenant));
        return where;
    }
}
