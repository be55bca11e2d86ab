package cn.np700.portal.bindings.ledger;

import cn.np700.portal.scope.TenantId;
import java.sql.Date;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
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
        return counted(tenantId, a, day) <= max;
    }

    /**
     * One more peer on A's count row, whose lock queues concurrent creations for A; the count it reached comes back
     * with the statement (as the last insert id, both when the row is new and when it grows), not from a second read.
     */
    private long counted(TenantId tenantId, byte[] a, Date day) {
        GeneratedKeyHolder count = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO binding_peer_count (tenant_id, a_hash, day, peers) VALUES (?, ?, ?, LAST_INSERT_ID(1))
                ON DUPLICATE KEY UPDATE peers = LAST_INSERT_ID(peers + 1)""")
                .params(tenantId, a, day).update(count, "peers");
        return ((Number) count.getKeyList().get(0).values().iterator().next()).longValue();
    }

    int purgeBefore(LocalDate day) {
        Date before = Date.valueOf(day);
        return jdbc.sql("DELETE FROM binding_peer_day WHERE day < ? LIMIT 5000").param(before).update()
                + jdbc.sql("DELETE FROM binding_peer_count WHERE day < ? LIMIT 5000").param(before).update();
    }
}
