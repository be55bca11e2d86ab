package cn.np700.portal.bindings.ledger;

import cn.np700.portal.scope.TenantId;
import java.sql.Date;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts the distinct B each A is bound with per day; the count row's lock settles concurrent creations. */
@Component
class PeerQuota {

    private final JdbcClient jdbc;

    PeerQuota(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records B as a peer of A today; false when that makes more distinct peers than {@code max}. */
    boolean count(TenantId tenantId, byte[] a, byte[] b, LocalDate today, int max) {
        Date day = Date.valueOf(today);
        int added = jdbc.sql("INSERT IGNORE INTO binding_peer_day (tenant_id, a_hash, day, b_hash) VALUES (?, ?, ?, ?)")
                .params(tenantId, a, day, b).update();
        if (added == 0) {
            return true;
        }
        jdbc.sql("""
                INSERT INTO binding_peer_count (tenant_id, a_hash, day, peers) VALUES (?, ?, ?, 1)
                ON DUPLICATE KEY UPDATE peers = peers + 1""")
                .params(tenantId, a, day).update();
        int peers = jdbc.sql("SELECT peers FROM binding_peer_count WHERE tenant_id = ? AND a_hash = ? AND day = ?")
                .params(tenantId, a, day).query(Integer.class).single();
        return peers <= max;
    }

    int purgeBefore(LocalDate day) {
        Date before = Date.valueOf(day);
        return jdbc.sql("DELETE FROM binding_peer_day WHERE day < ? LIMIT 5000").param(before).update()
                + jdbc.sql("DELETE FROM binding_peer_count WHERE day < ? LIMIT 5000").param(before).update();
    }
}
