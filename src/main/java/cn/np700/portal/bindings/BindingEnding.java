package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
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
     * expired binding in its way).
     */
    Optional<BindingEnded> end(long bindingId, BindingStatus endAs, String endedBy, String reason, Instant now,
            boolean onlyWhenDue) {
        Optional<Row> row = jdbc.sql("SELECT tenant_id, x FROM binding WHERE id = ? AND status IN ('ACTIVE', 'SUSPENDED')"
                        + (onlyWhenDue ? " AND expires_at <= ?" : "") + " FOR UPDATE")
                .params(onlyWhenDue ? List.of(bindingId, Timestamp.from(now)) : List.of(bindingId))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2))).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("""
                UPDATE binding SET status = ?, live_order_ref = NULL, ended_at = ?, ended_by = ?, updated_at = ?
                WHERE id = ?""")
                .params(endAs.name(), Timestamp.from(now), endedBy, Timestamp.from(now), bindingId).update();
        slots.release(bindingId);
        pool.giveBack(row.get().x(), TenantId.of(row.get().tenantId()));
        return Optional.of(new BindingEnded(bindingId, TenantId.of(row.get().tenantId()), row.get().x(), endAs, reason, now,
                "system".equals(endedBy)));
    }

    /** The tenant's bindings past their expiry that the job has not ended yet, at most {@code limit}. */
    List<Long> dueOf(long tenantId, Instant now, int limit) {
        return jdbc.sql("SELECT id FROM binding WHERE tenant_id = ? AND status IN ('ACTIVE', 'SUSPENDED') AND expires_at <= ? "
                        + "ORDER BY expires_at LIMIT ?")
                .params(tenantId, Timestamp.from(now), limit).query(Long.class).list();
    }

    List<Long> dueOn(long x, Instant now) {
        return jdbc.sql("SELECT id FROM binding WHERE x = ? AND status IN ('ACTIVE', 'SUSPENDED') AND expires_at <= ?")
                .params(x, Timestamp.from(now)).query(Long.class).list();
    }

    /** Ends those of {@code ids} that are due; returns their events. */
    List<BindingEnded> expire(List<Long> ids, Instant now) {
        List<BindingEnded> ended = new ArrayList<>();
        for (Long id : ids) {
            end(id, BindingStatus.EXPIRED, "system", "EXPIRED", now, true).ifPresent(ended::add);
        }
        return ended;
    }

    private record Row(long tenantId, long x) {
    }
}
