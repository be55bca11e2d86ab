package cn.np700.portal.bindings.ledger;

import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.TenantId;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each tenant's live bindings and its bindings created today. One conditional UPDATE takes a unit of both quotas,
 * so concurrent creations against the last unit give exactly one success.
 */
@Component
class TenantBindingUsage {

    private final JdbcClient jdbc;
    private final Set<TenantId> known = ConcurrentHashMap.newKeySet();

    TenantBindingUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the tenant's row, outside the creating transaction: an INSERT IGNORE on an existing row takes a shared
     * lock that two concurrent creations would each then try to upgrade, a deadlock.
     */
    void ensure(TenantId tenantId, LocalDate today) {
        if (known.contains(tenantId)) {
            return;
        }
        jdbc.sql("INSERT IGNORE INTO binding_usage (tenant_id, live, day, created_on_day) VALUES (?, 0, ?, 0)")
                .params(tenantId, Date.valueOf(today)).update();
        known.add(tenantId);
    }

    /** Adds one live binding and one creation today, less {@code released} bindings ended in the same transaction. */
    boolean take(TenantId tenantId, TenantQuota quota, LocalDate today, int released) {
        Date day = Date.valueOf(today);
        return jdbc.sql("""
                UPDATE binding_usage SET live = GREATEST(live - ?, 0) + 1,
                       created_on_day = IF(day = ?, created_on_day + 1, 1), day = ?
                WHERE tenant_id = ? AND GREATEST(live - ?, 0) < ? AND (day <> ? OR created_on_day < ?)""")
                .params(released, day, day, tenantId, released, quota.maxActiveBindings(), day,
                        quota.maxNewBindingsPerDay())
                .update() == 1;
    }

    void giveBack(TenantId tenantId, int ended) {
        if (ended > 0) {
            jdbc.sql("UPDATE binding_usage SET live = GREATEST(live - ?, 0) WHERE tenant_id = ?").params(ended, tenantId)
                    .update();
        }
    }

    BindingLedger.Usage of(TenantId tenantId, LocalDate today) {
        return jdbc.sql("SELECT live, IF(day = ?, created_on_day, 0) FROM binding_usage WHERE tenant_id = ?")
                .params(Date.valueOf(today), tenantId)
                .query((rs, n) -> new BindingLedger.Usage(rs.getInt(1), rs.getInt(2))).optional().orElse(new BindingLedger.Usage(0, 0));
    }
}
