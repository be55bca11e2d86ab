package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.PersonalDataCipher;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A tenant's most recent live bindings with their parties' real numbers, for the demo traffic simulator, which plays
 * the carrier and so must dial them. Never shown on a page.
 */
@Component
public class LiveBindingParties {

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    LiveBindingParties(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** {@code b} is null in AXN, {@code n} null in AXB. */
    public record Parties(long bindingId, BindingMode mode, long x, String a, String b, String n, Direction direction,
            Instant createdAt, Instant expiresAt) {
    }

    /** At most {@code limit} bindings, live and not past their expiry at {@code now}, newest first. */
    public List<Parties> recent(TenantId tenantId, Instant now, int limit) {
        return jdbc.sql("""
                SELECT id, mode, x, a_cipher, b_cipher, n_cipher, direction, created_at, expires_at
                FROM binding WHERE tenant_id = ? AND status IN ('ACTIVE', 'SUSPENDED') AND expires_at > ?
                ORDER BY id DESC LIMIT ?""")
                .params(tenantId, Timestamp.from(now), limit)
                .query((rs, n) -> new Parties(rs.getLong(1), BindingMode.valueOf(rs.getString(2)), rs.getLong(3),
                        cipher.decrypt(rs.getBytes(4)), open(rs.getBytes(5)), open(rs.getBytes(6)),
                        Direction.valueOf(rs.getString(7)), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant()))
                .list();
    }

    private String open(byte[] sealed) {
        return sealed == null ? null : cipher.decrypt(sealed);
    }
}
