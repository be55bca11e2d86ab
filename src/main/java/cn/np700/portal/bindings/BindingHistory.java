package cn.np700.portal.bindings;

import cn.np700.portal.bindings.ledger.BindingLedger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** For the regulator's trace: the bindings that were live on an X at a given moment, with who made them and from where. */
@Component
public class BindingHistory {

    private static final int LIMIT = 200;

    private final JdbcClient jdbc;
    private final BindingLedger ledger;

    BindingHistory(JdbcClient jdbc, BindingLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** A binding and how it came to be: the creating user or API key (by id) and the client address. */
    /** {@code aHash}, {@code bHash}: the parties' keyed hashes (B's null in AXN), to find their consents then. */
    public record Traced(Binding binding, String createdIp, Long apiKeyId, byte[] aHash, byte[] bHash) {
    }

    public List<Traced> liveAt(long x, Instant at) {
        return jdbc.sql("SELECT " + BindingLedger.COLUMNS + ", created_ip, api_key_id, a_hash AS traced_a, b_hash AS traced_b "
                        + "FROM binding WHERE x = ? AND created_at <= ? "
                        + "AND COALESCE(ended_at, expires_at) > ? ORDER BY created_at, id LIMIT ?")
                .params(x, Timestamp.from(at), Timestamp.from(at), LIMIT)
                .query((rs, n) -> new Traced(ledger.map(rs, n), rs.getString("created_ip"),
                        (Long) rs.getObject("api_key_id", Long.class), rs.getBytes("traced_a"), rs.getBytes("traced_b")))
                .list();
    }
}
