package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.ComplaintCategory;
import cn.np700.portal.compliance.ComplaintStatus;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The complaints about one tenant's numbers, newest first; the citizen's contact is never read. */
@Component
class TenantComplaints {

    private final JdbcClient jdbc;

    TenantComplaints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<TenantComplaintRow> page(TenantId tenant, PageQuery query) {
        long total = jdbc.sql("SELECT COUNT(*) FROM complaint WHERE tenant_id = ?").param(tenant).query(Long.class)
                .single();
        List<TenantComplaintRow> rows = jdbc.sql("SELECT reference, number, category, description, created_at, status, "
                        + "handled_at FROM complaint WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(tenant, query.size(), query.offset())
                .query((rs, n) -> {
                    Timestamp handledAt = rs.getTimestamp("handled_at");
                    return new TenantComplaintRow(rs.getString("reference"), rs.getLong("number"),
                            ComplaintCategory.valueOf(rs.getString("category")), rs.getString("description"),
                            rs.getTimestamp("created_at").toInstant(), ComplaintStatus.valueOf(rs.getString("status")),
                            handledAt == null ? null : handledAt.toInstant());
                }).list();
        return new Page<>(rows, query.page(), query.size(), total);
    }
}
