package cn.np700.portal.audit.trail;

import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.scope.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

@Component
public class AuditEntryRows implements RowMapper<AuditEntry> {

    public static final String SELECT = """
            SELECT id, seq, occurred_at, actor, actor_user_id, actor_tenant_id, tenant_id, action, target_type, target_id,
                   client_ip, details, prev_hash, hash FROM audit_entry""";

    @Override
    public AuditEntry mapRow(ResultSet rs, int rowNum) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("seq", Long.class), rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"), rs.getObject("actor_user_id", Long.class),
                TenantId.orNull(rs.getObject("actor_tenant_id", Long.class)), TenantId.orNull(rs.getObject("tenant_id", Long.class)),
                rs.getString("action"),
                rs.getString("target_type"), rs.getString("target_id"), rs.getString("client_ip"), rs.getString("details"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
