package cn.np700.portal.bindings.ledger;

import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.SqlWhere;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends live bindings inside the caller's transaction: the status moves by a conditional UPDATE (so a binding ends
 * once, whoever races), its slots are freed and its X counter given back. The tenant's live counter and the audit
 * event are left to the caller, who knows when its transaction may take those hot rows.
 */
@Component
class BindingEnding {

    private final JdbcClient jdbc;
    private final Slots slots;
    private final XPool pool;

    BindingEnding(JdbcClient jdbc, Slots slots, XPool pool) {
        this.jdbc = jdbc;
        this.slots = slots;
        this.pool = pool;
    }

    /**
     * {@code onlyWhenDue}: end it only if it is past its expiry (the expiry job, and a creation that finds an
     * expired binding in its way). A binding outside {@code scope} is left as it is.
     */
    Optional<BindingEnded> end(Scope scope, long bindingId, BindingStatus endAs, String endedBy, String reason,
            Instant now, boolean onlyWhenDue) {
        SqlWhere lookup = new SqlWhere().and("id = ?", bindingId).and("status IN ('ACTIVE', 'SUSPENDED')");
        if (onlyWhenDue) {
            lookup.and("expires_at <= ?", Timestamp.from(now));
        }
        lookup.within(scope, "tenant_id");
        Optional<Row> row = jdbc.sql("SELECT tenant_id, x FROM binding" + lookup.sql() + " FOR UPDATE")
                .params(lookup.params())
                .query((rs, n) -> new Row(TenantId.of(rs.getLong(1)), rs.getLong(2))).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        TenantId tenant = row.get().tenantId();
        jdbc.sql("""
                UPDATE binding SET status = ?, live_order_ref = NULL, ended_at = ?, ended_by = ?, updated_at = ?
                WHERE id = ? AND tenant_id = ?""")
                .params(endAs.name(), Timestamp.from(now), endedBy, Timestamp.from(now), bindingId, tenant).update();
        slots.release(bindingId);
        pool.giveBack(row.get().x(), tenant);
        return Optional.of(new BindingEnded(bindingId, tenant, row.get().x(), endAs, reason, now,
                "system".equals(endedBy)));
    }

    /** The tenant's bindings past their expiry that the job has not ended yet, at most {@code limit}. */
    List<Long> dueOf(TenantId tenantId, Instant now, int limit) {
        return jdbc.sql("SELECT id FROM binding WHERE tenant_id = ? AND status IN ('ACTIVE', 'SUSPENDED') AND expires_at <= ? "
                        + "ORDER BY expires_at LIMIT ?")
                .params(tenantId, Timestamp.from(now), limit).query(Long.class).list();
    }

    /** The tenant's bindings on its X past their expiry that the job has not ended yet. */
    List<Long> dueOn(TenantId tenantId, long x, Instant now) {
        return jdbc.sql("SELECT id FROM binding WHERE x = ? AND tenant_id = ? AND status IN ('ACTIVE', 'SUSPENDED') "
                        + "AND expires_at <= ?")
                .params(x, tenantId, Timestamp.from(now)).query(Long.class).list();
    }

    /** Every tenant's bindings past their expiry that have not ended yet, the oldest expiry first. */
    List<Long> dueAcrossTenants(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM binding WHERE status IN ('ACTIVE', 'SUSPENDED') AND expires_at <= ? "
                        + "ORDER BY expires_at LIMIT ?")
                .params(Timestamp.from(now), limit).query(Long.class).list();
    }

    /** The tenant's live bindings on the numbers from {@code first} to {@code last}. */
    List<Long> liveOn(TenantId tenant, long first, long last) {
        return jdbc.sql("SELECT id FROM binding WHERE tenant_id = ? AND x BETWEEN ? AND ? "
                        + "AND status IN ('ACTIVE', 'SUSPENDED')")
                .params(tenant, first, last).query(Long.class).list();
    }

    /** The tenant's live bindings with the number as A or B (each probe on its own index). */
    List<Long> liveWithParty(TenantId tenant, byte[] hash) {
        return jdbc.sql("SELECT id FROM binding WHERE tenant_id = ? AND a_hash = ? AND status IN ('ACTIVE', 'SUSPENDED') "
                        + "UNION SELECT id FROM binding WHERE tenant_id = ? AND b_hash = ? AND status IN ('ACTIVE', 'SUSPENDED')")
                .params(tenant, hash, tenant, hash).query(Long.class).list();
    }

    /** Ends those of {@code ids} in the scope that are due; returns their events. */
    List<BindingEnded> expire(Scope scope, List<Long> ids, Instant now) {
        List<BindingEnded> ended = new ArrayList<>();
        for (Long id : ids) {
            end(scope, id, BindingStatus.EXPIRED, "system", "EXPIRED", now, true).ifPresent(ended::add);
        }
        return ended;
    }

    private record Row(TenantId tenantId, long x) {
    }
}
