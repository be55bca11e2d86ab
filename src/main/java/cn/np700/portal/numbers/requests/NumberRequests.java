package cn.np700.portal.numbers.requests;

import cn.np700.portal.scope.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads requests and their timelines; every tenant-facing read takes the tenant. */
@Component
public class NumberRequests {

    private static final String SELECT = """
            SELECT id, tenant_id, blocks_requested, scenario, expected_daily_bindings, justification, status, submitted_by,
                   submitted_at, first_approver_id, first_approver, first_approved_count, first_picked_codes, approved_count,
                   decided_by, decided_at, reason
            FROM number_request""";

    private final JdbcClient jdbc;

    NumberRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<NumberRequest> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(NumberRequests::map).optional();
    }

    Optional<NumberRequest> findOfTenant(TenantId tenantId, long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND tenant_id = ?").params(id, tenantId).query(NumberRequests::map).optional();
    }

    public List<NumberRequest> ofTenant(TenantId tenantId, int limit) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? ORDER BY submitted_at DESC, id DESC LIMIT ?")
                .params(tenantId, limit).query(NumberRequests::map).list();
    }

    /** The operators' queue: open requests, oldest first. */
    public List<NumberRequest> open() {
        return jdbc.sql(SELECT + " WHERE status = 'SUBMITTED' ORDER BY submitted_at, id").query(NumberRequests::map).list();
    }

    public List<NumberRequest> recentlyDecided(int limit) {
        return jdbc.sql(SELECT + " WHERE status <> 'SUBMITTED' ORDER BY decided_at DESC, id DESC LIMIT ?")
                .param(limit).query(NumberRequests::map).list();
    }

    public List<TimelineStep> timeline(long requestId) {
        return jdbc.sql("SELECT occurred_at, step, actor, blocks, note FROM number_request_event WHERE request_id = ? ORDER BY id")
                .param(requestId)
                .query((rs, n) -> new TimelineStep(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getString(5)))
                .list();
    }

    public void step(long requestId, Instant at, String step, String actor, Integer blocks, String note) {
        jdbc.sql("INSERT INTO number_request_event (request_id, occurred_at, step, actor, blocks, note) VALUES (?, ?, ?, ?, ?, ?)")
                .params(requestId, Timestamp.from(at), step, actor, blocks, note)
                .update();
    }

    public record TimelineStep(Instant at, String step, String actor, Integer blocks, String note) {
    }

    private static NumberRequest map(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new NumberRequest(rs.getLong("id"), TenantId.of(rs.getLong("tenant_id")), rs.getInt("blocks_requested"),
                rs.getString("scenario"), rs.getLong("expected_daily_bindings"), rs.getString("justification"),
                RequestStatus.valueOf(rs.getString("status")), rs.getString("submitted_by"),
                rs.getTimestamp("submitted_at").toInstant(), (Long) rs.getObject("first_approver_id"),
                rs.getString("first_approver"), (Integer) rs.getObject("first_approved_count"),
                rs.getString("first_picked_codes"), (Integer) rs.getObject("approved_count"), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(), rs.getString("reason"));
    }
}
