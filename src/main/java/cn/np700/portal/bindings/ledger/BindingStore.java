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
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The binding rows: always read for one tenant, and shown with the status in effect now. */
@Component
public class BindingStore {

    public static final String COLUMNS = """
            id, tenant_id, mode, x, a_masked, b_masked, n_masked, direction, record_calls, order_ref, status, expires_at,
            created_at, created_by, updated_at, ended_at, ended_by""";

    private final JdbcClient jdbc;
    private final Clock clock;

    BindingStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public long insert(TenantId tenantId, BindingRequest request, long x, SealedNumber a, SealedNumber b, SealedNumber n,
            Actor by, Instant now) {
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
                        Timestamp.from(request.expiresAt()), Timestamp.from(now), by.name(), ClientAddress.current(),
                        by.apiKeyId(), Timestamp.from(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** The binding if it is in the scope: a tenant's own, or any tenant's for operators. */
    public Optional<Binding> find(Scope scope, long id) {
        SqlWhere where = new SqlWhere().and("id = ?", id).within(scope, "tenant_id");
        return jdbc.sql("SELECT " + COLUMNS + " FROM binding" + where.sql()).params(where.params())
                .query(this::map).optional();
    }

    /** The binding still holding this orderRef (live, possibly past its expiry) and whether it has the same parties. */
    public Optional<Holder> holderOf(TenantId tenantId, String orderRef, BindingMode mode, byte[] a, byte[] b, byte[] n) {
        return jdbc.sql("SELECT " + COLUMNS + ", a_hash, b_hash, n_hash FROM binding WHERE tenant_id = ? AND live_order_ref = ?")
                .params(tenantId, orderRef)
                .query((rs, i) -> new Holder(map(rs, i), rs.getString("mode").equals(mode.name())
                        && Arrays.equals(rs.getBytes("a_hash"), a) && Arrays.equals(rs.getBytes("b_hash"), b)
                        && Arrays.equals(rs.getBytes("n_hash"), n)))
                .optional();
    }

    public record Holder(Binding binding, boolean sameParties) {
    }

    public Binding map(ResultSet rs, int row) throws SQLException {
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
