package cn.np700.portal.audit;

import cn.np700.portal.audit.trail.AuditEntryRows;
import cn.np700.portal.scope.Scope;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The entries about given targets, oldest first: how other modules build a thing's history from the trail. */
@Component
public class AuditHistory {

    private static final int LIMIT = 1000;

    private final JdbcClient jdbc;
    private final AuditEntryRows rows;

    AuditHistory(JdbcClient jdbc, AuditEntryRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    public record Target(String type, String id) {
    }

    /** The entries about these targets that the scope may read: a tenant's own entries, or every entry. */
    public List<AuditEntry> about(Scope scope, List<Target> targets) {
        if (targets.isEmpty()) {
            return List.of();
        }
        StringBuilder where = new StringBuilder(" WHERE (");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            where.append(i == 0 ? "" : " OR ").append("(target_type = ? AND target_id = ?)");
            params.add(targets.get(i).type());
            params.add(targets.get(i).id());
        }
        where.append(')');
        scope.tenant().ifPresent(tenant -> {
            where.append(" AND tenant_id = ?");
            params.add(tenant);
        });
        params.add(LIMIT);
        return jdbc.sql(AuditEntryRows.SELECT + where + " ORDER BY id LIMIT ?").params(params).query(rows).list();
    }
}
