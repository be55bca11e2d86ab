package cn.np700.portal.verification;

import cn.np700.portal.scope.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many checks a tenant's stored results hold, by who made them (a loader asks before it loads again). */
@Component
public class VerificationCounts {

    private final JdbcClient jdbc;

    VerificationCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long checkedBy(TenantId tenant, String checkedBy) {
        return jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ? AND checked_by = ?")
                .params(tenant, checkedBy).query(Long.class).single();
    }
}
