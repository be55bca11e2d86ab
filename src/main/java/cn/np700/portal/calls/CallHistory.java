package cn.np700.portal.calls;

import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** For the regulator's trace: the call records through an X around a moment, numbers masked. */
@Component
public class CallHistory {

    private static final int LIMIT = 200;

    private final JdbcClient jdbc;

    CallHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code tenantId} null: no tenant held the X (an unmatched call). */
    public record TracedCall(long id, String callId, TenantId tenantId, Long bindingId, String callerMasked, String calleeMasked,
            String type, String direction, Instant start, Integer durationSeconds, String result, String matchStatus) {
    }

    public List<TracedCall> around(long x, Instant at, Duration window) {
        return jdbc.sql("SELECT id, call_id, tenant_id, binding_id, caller_masked, callee_masked, call_type, direction, "
                        + "start_time, duration_seconds, result, match_status FROM call_record WHERE x = ? "
                        + "AND start_time BETWEEN ? AND ? ORDER BY start_time, id LIMIT ?")
                .params(x, Timestamp.from(at.minus(window)), Timestamp.from(at.plus(window)), LIMIT)
                .query((rs, n) -> new TracedCall(rs.getLong(1), rs.getString(2),
                        TenantId.ofNullable(rs.getObject(3, Long.class)).orElse(null),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getTimestamp(9).toInstant(), (Integer) rs.getObject(10, Integer.class),
                        rs.getString(11), rs.getString(12)))
                .list();
    }

    /** The latest call records through an X, newest first. */
    public List<TracedCall> recent(long x, int limit) {
        return jdbc.sql("SELECT id, call_id, tenant_id, binding_id, caller_masked, callee_masked, call_type, direction, "
                        + "start_time, duration_seconds, result, match_status FROM call_record WHERE x = ? "
                        + "ORDER BY start_time DESC, id DESC LIMIT ?")
                .params(x, limit)
                .query((rs, n) -> new TracedCall(rs.getLong(1), rs.getString(2),
                        TenantId.ofNullable(rs.getObject(3, Long.class)).orElse(null),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getTimestamp(9).toInstant(), (Integer) rs.getObject(10, Integer.class),
                        rs.getString(11), rs.getString(12)))
                .list();
    }
}
