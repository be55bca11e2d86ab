package cn.np700.portal.audit;

import cn.np700.portal.web.DisplayTimes;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Filtered, paged reads of the trail; a tenant scope limits a tenant admin to entries about or by their tenant. */
@Component
class AuditEntries {

    private final JdbcClient jdbc;
    private final AuditEntryRows rows;
    private final DisplayTimes times;

    AuditEntries(JdbcClient jdbc, AuditEntryRows rows, DisplayTimes times) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.times = times;
    }

    Page<AuditEntry> find(AuditFilter filter, Long tenantScope, boolean oldestFirst, PageQuery pageQuery) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (tenantScope != null) {
            where.append(" AND (tenant_id = ? OR actor_tenant_id = ?)");
            params.add(tenantScope);
            params.add(tenantScope);
        }
        if (filter.from() != null) {
            where.append(" AND occurred_at >= ?");
            params.add(Timestamp.from(times.startOf(filter.from())));
        }
        if (filter.to() != null) {
            where.append(" AND occurred_at < ?");
            params.add(Timestamp.from(times.startOf(filter.to().plusDays(1))));
        }
        if (filter.actorTrimmed() != null) {
            where.append(" AND actor = ?");
            params.add(filter.actorTrimmed());
        }
        if (filter.tenantId() != null) {
            where.append(" AND tenant_id = ?");
            params.add(filter.tenantId());
        }
        if (filter.actionTrimmed() != null) {
            where.append(" AND action = ?");
            params.add(filter.actionTrimmed());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM audit_entry" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(pageQuery.size());
        pageParams.add(pageQuery.offset());
        List<AuditEntry> items = jdbc.sql(AuditEntryRows.SELECT + where + " ORDER BY seq " + (oldestFirst ? "ASC" : "DESC")
                + " LIMIT ? OFFSET ?").params(pageParams).query(rows).list();
        return new Page<>(items, pageQuery.page(), pageQuery.size(), total);
    }

    List<String> actions() {
        return jdbc.sql("SELECT DISTINCT action FROM audit_entry ORDER BY action").query(String.class).list();
    }
}
