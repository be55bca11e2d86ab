package cn.np700.portal.bindings.ledger;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.Direction;
import cn.np700.portal.bindings.rules.BindingRequest;
import cn.np700.portal.bindings.rules.SealedNumber;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.ClientAddress;
import cn.np700.portal.web.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The binding rows: always read for one tenant, and shown with the status in effect now. */
@Component
class BindingStore {

    static final String COLUMNS = """
            id, tenant_id, mode, x, a_masked, b_masked, n_masked, direction, record_calls, order_ref, status, expires_at,
            created_at, created_by, updated_at, ended_at, ended_by""";

    private final JdbcClient jdbc;
    private final Clock clock;

    BindingStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The binding as inserted, built from what was written rather than read back: its times are those the
     * DATETIME(6) columns keep, so it reads the same as any later read of the row.
     */
    Binding insert(TenantId tenantId, BindingRequest request, long x, SealedNumber a, SealedNumber b, SealedNumber n,
            Actor by, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = request.expiresAt().truncatedTo(ChronoUnit.MICROS);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO binding (tenant_id, mode, x, a_cipher, a_hash, a_masked, b_cipher, b_hash, b_masked, n_cipher,
                    n_hash, n_masked, direction, record_calls, order_ref, live_order_ref, status, expires_at, created_at,
                    created_by, created_ip, api_key_id, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?)""")
                .params(tenantId, request.mode().name(), x, a.cipher(), a.hash(), a.masked(),
                        b == null ? null : b.cipher(), b == null ? null : b.hash(), b == null ? null : b.masked(),
                        n == null ? null : n.cipher(), n == null ? null : n.hash(), n == null ? null : n.masked(),
                        request.direction().name(), request.record(), request.orderRef(), request.orderRef(),
                        Timestamp.from(expiresAt), Timestamp.from(now), by.name(), ClientAddress.current(),
                        by.apiKeyId(), Timestamp.from(now))
                .update(key, "id");
        return new Binding(key.getKey().longValue(), tenantId, request.mode(), x, a.masked(),
                b == null ? null : b.masked(), n == null ? null : n.masked(), request.direction(), request.record(),
                request.orderRef(), BindingStatus.ACTIVE, expiresAt, now, by.name(), now, null, null);
    }

    /** The binding if it is in the scope: a tenant's own, or any tenant's for operators. */
    Optional<Binding> find(Scope scope, long id) {
        SqlWhere where = new SqlWhere().and("id = ?", id).within(scope, "tenant_id");
        return jdbc.sql("SELECT " + COLUMNS + " FROM binding" + where.sql()).params(where.params())
                .query(this::map).optional();
    }

    /** The binding still holding this orderRef (live, possibly past its expiry) and whether it has the same parties. */
    Optional<BindingLedger.OrderRefHolder> holderOf(TenantId tenantId, String orderRef, BindingMode mode, byte[] a, byte[] b, byte[] n) {
        return jdbc.sql("SELECT " + COLUMNS + ", a_hash, b_hash, n_hash FROM binding WHERE tenant_id = ? AND live_order_ref = ?")
                .params(tenantId, orderRef)
                .query((rs, i) -> new BindingLedger.OrderRefHolder(map(rs, i), rs.getString("mode").equals(mode.name())
                        && Arrays.equals(rs.getBytes("a_hash"), a) && Arrays.equals(rs.getBytes("b_hash"), b)
                        && Arrays.equals(rs.getBytes("n_hash"), n)))
                .optional();
    }

    long count(TenantId tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ?").param(tenant).query(Long.class).single();
    }

    long activeMadeBy(TenantId tenant, String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ? AND created_by = ? AND status = 'ACTIVE'")
                .params(tenant, actor).query(Long.class).single();
    }

    Optional<BindingLedger.LiveBinding> lockLive(TenantId tenantId, long id, Instant now) {
        return jdbc.sql("""
                SELECT id, x, mode, a_hash, b_hash, b_masked, direction, expires_at FROM binding
                WHERE id = ? AND tenant_id = ? AND status IN ('ACTIVE', 'SUSPENDED') AND expires_at > ? FOR UPDATE""")
                .params(id, tenantId, Timestamp.from(now))
                .query((rs, n) -> new BindingLedger.LiveBinding(rs.getLong(1), rs.getLong(2),
                        BindingMode.valueOf(rs.getString(3)), rs.getBytes(4), rs.getBytes(5), rs.getString(6),
                        Direction.valueOf(rs.getString(7)), rs.getTimestamp(8).toInstant()))
                .optional();
    }

    void changeExpiry(TenantId tenantId, long id, Instant expiresAt) {
        jdbc.sql("UPDATE binding SET expires_at = ? WHERE id = ? AND tenant_id = ?").params(Timestamp.from(expiresAt), id, tenantId)
                .update();
    }

    void changeB(TenantId tenantId, long id, SealedNumber newB) {
        jdbc.sql("UPDATE binding SET b_cipher = ?, b_hash = ?, b_masked = ? WHERE id = ? AND tenant_id = ?")
                .params(newB.cipher(), newB.hash(), newB.masked(), id, tenantId).update();
    }

    void changeDirection(TenantId tenantId, long id, Direction direction) {
        jdbc.sql("UPDATE binding SET direction = ? WHERE id = ? AND tenant_id = ?").params(direction.name(), id, tenantId)
                .update();
    }

    void touch(TenantId tenantId, long id, Instant now) {
        jdbc.sql("UPDATE binding SET updated_at = ? WHERE id = ? AND tenant_id = ?").params(Timestamp.from(now), id, tenantId)
                .update();
    }

    Optional<TenantId> lockForSuspension(long id, Instant now) {
        return jdbc.sql("SELECT tenant_id FROM binding WHERE id = ? AND status IN ('ACTIVE', 'SUSPENDED') AND expires_at > ? FOR UPDATE")
                .params(id, Timestamp.from(now)).query(Long.class).optional().map(TenantId::of);
    }

    void lock(long id) {
        jdbc.sql("SELECT id FROM binding WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional();
    }

    void suspend(long id, Instant now) {
        jdbc.sql("UPDATE binding SET status = 'SUSPENDED', suspension_reasons = suspension_reasons + 1, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(now), id).update();
    }

    /** The status is assigned before the count, from the count as it was. */
    void liftOneReason(long id, Instant now) {
        jdbc.sql("""
                UPDATE binding SET status = CASE WHEN status = 'SUSPENDED' AND suspension_reasons <= 1 THEN 'ACTIVE' ELSE status END,
                    suspension_reasons = suspension_reasons - 1, updated_at = ?
                WHERE id = ? AND suspension_reasons > 0""").params(Timestamp.from(now), id).update();
    }

    TenantId tenantOf(long id) {
        Long tenant = jdbc.sql("SELECT tenant_id FROM binding WHERE id = ?").param(id).query(Long.class).single();
        return TenantId.orNull(tenant);
    }

    void backdate(TenantId tenant, Duration by) {
        jdbc.sql("UPDATE binding SET created_at = DATE_SUB(created_at, INTERVAL ? DAY) WHERE tenant_id = ?")
                .params(by.toDays(), tenant).update();
    }

    void backdateMadeBy(String actor, Instant madeAfter, Duration by) {
        jdbc.sql("UPDATE binding SET created_at = created_at - INTERVAL ? DAY WHERE created_by = ? AND created_at > ?")
                .params(by.toDays(), actor, Timestamp.from(madeAfter)).update();
    }

    Binding map(ResultSet rs, int row) throws SQLException {
        Instant expiresAt = rs.getTimestamp("expires_at").toInstant();
        BindingStatus stored = BindingStatus.valueOf(rs.getString("status"));
        BindingStatus status = stored.live() && !expiresAt.isAfter(clock.instant()) ? BindingStatus.EXPIRED : stored;
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Binding(rs.getLong("id"), TenantId.of(rs.getLong("tenant_id")), BindingMode.valueOf(rs.getString("mode")),
                rs.getLong("x"), rs.getString("a_masked"), rs.getString("b_masked"), rs.getString("n_masked"),
                Direction.valueOf(rs.getString("direction")), rs.getBoolean("record_calls"), rs.getString("order_ref"),
                status, expiresAt, rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(), ended == null ? null : ended.toInstant(),
                rs.getString("ended_by"));
    }
}
