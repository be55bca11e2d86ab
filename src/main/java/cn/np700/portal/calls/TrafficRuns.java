package cn.np700.portal.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Operators' traffic simulations and their progress. */
@Component
class TrafficRuns {

    private static final String SELECT = """
            SELECT id, tenant_id, calls, span_hours, status, done_calls, connected, rejected, accepted, unmatched,
                duplicates, refused, created_by, created_at, finished_at
            FROM traffic_run""";

    private final JdbcClient jdbc;

    TrafficRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new RUNNING simulation holding its tenant's slot; fails with a duplicate key while another one runs. */
    long insert(long tenantId, int calls, int spanHours, String createdBy, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO traffic_run (tenant_id, calls, span_hours, status, running_slot, created_by, created_at,
                    updated_at)
                VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?)""")
                .params(tenantId, calls, spanHours, tenantId, createdBy, Timestamp.from(now), Timestamp.from(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<TrafficRun> find(long id) {
        Optional<TrafficRun> run = jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::map).optional();
        return run.map(r -> withRejections(List.of(r)).get(0));
    }

    List<TrafficRun> recent(int limit) {
        return withRejections(jdbc.sql(SELECT + " ORDER BY created_at DESC, id DESC LIMIT ?").param(limit)
                .query(this::map).list());
    }

    /**
     * Stores the figures so far, and with a final status frees the tenant's slot. False, and nothing stored, when the
     * run is no longer RUNNING (marked FAILED meanwhile): its job should stop. Call inside a transaction.
     */
    boolean saveProgress(long id, int doneCalls, TrafficOutcome o, TrafficRunStatus status, Instant now) {
        int updated = jdbc.sql("""
                UPDATE traffic_run SET done_calls = ?, connected = ?, rejected = ?, accepted = ?, unmatched = ?,
                    duplicates = ?, refused = ?, status = ?, updated_at = ?, finished_at = ?,
                    running_slot = CASE WHEN ? = 'RUNNING' THEN running_slot END
                WHERE id = ? AND status = 'RUNNING'""")
                .params(doneCalls, o.connected(), o.rejected(), o.accepted(), o.unmatched(), o.duplicates(), o.refused(),
                        status.name(), Timestamp.from(now), status == TrafficRunStatus.RUNNING ? null : Timestamp.from(now),
                        status.name(), id)
                .update();
        if (updated == 0) {
            return false;
        }
        if (!o.rejections().isEmpty()) {
            List<Object> params = new ArrayList<>();
            o.rejections().forEach((reason, calls) -> Collections.addAll(params, id, reason.name(), calls));
            jdbc.sql("INSERT INTO traffic_run_rejection (run_id, reason, calls) VALUES "
                            + String.join(", ", Collections.nCopies(o.rejections().size(), "(?, ?, ?)"))
                            + " ON DUPLICATE KEY UPDATE calls = VALUES(calls)")
                    .params(params).update();
        }
        return true;
    }

    /** Stops a run where it is: its stored figures stay as they were. True when it was still running. */
    boolean markFailed(long id, Instant now) {
        return jdbc.sql("UPDATE traffic_run SET status = 'FAILED', running_slot = NULL, updated_at = ?, finished_at = ? "
                        + "WHERE id = ? AND status = 'RUNNING'")
                .params(Timestamp.from(now), Timestamp.from(now), id).update() > 0;
    }

    /** The running node's heartbeat for the runs it holds. */
    void touch(Collection<Long> ids, Instant now) {
        if (!ids.isEmpty()) {
            List<Object> params = new ArrayList<>();
            params.add(Timestamp.from(now));
            params.addAll(ids);
            jdbc.sql("UPDATE traffic_run SET updated_at = ? WHERE status = 'RUNNING' AND id IN ("
                    + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")").params(params).update();
        }
    }

    /** Marks FAILED every RUNNING run whose heartbeat stopped before {@code silentSince}; returns how many. */
    int failSilent(Instant silentSince, Instant now) {
        return jdbc.sql("UPDATE traffic_run SET status = 'FAILED', running_slot = NULL, finished_at = ? "
                        + "WHERE status = 'RUNNING' AND updated_at < ?")
                .params(Timestamp.from(now), Timestamp.from(silentSince)).update();
    }

    private List<TrafficRun> withRejections(List<TrafficRun> runs) {
        if (runs.isEmpty()) {
            return runs;
        }
        Map<Long, Map<RejectReason, Integer>> byRun = new HashMap<>();
        jdbc.sql("SELECT run_id, reason, calls FROM traffic_run_rejection WHERE run_id IN ("
                        + String.join(", ", Collections.nCopies(runs.size(), "?")) + ")")
                .params(runs.stream().map(r -> (Object) r.id()).toList())
                .query(rs -> {
                    byRun.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(RejectReason.class))
                            .put(RejectReason.valueOf(rs.getString(2)), rs.getInt(3));
                });
        return runs.stream().map(r -> {
            TrafficOutcome o = r.outcome();
            TrafficOutcome full = new TrafficOutcome(o.routed(), o.connected(),
                    Map.copyOf(byRun.getOrDefault(r.id(), Map.of())), o.accepted(), o.unmatched(), o.duplicates(),
                    o.refused());
            return new TrafficRun(r.id(), r.tenantId(), r.calls(), r.spanHours(), r.status(), r.doneCalls(), full,
                    r.createdBy(), r.createdAt(), r.finishedAt());
        }).toList();
    }

    private TrafficRun map(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        TrafficOutcome outcome = new TrafficOutcome(rs.getInt("done_calls"), rs.getInt("connected"), Map.of(),
                rs.getInt("accepted"), rs.getInt("unmatched"), rs.getInt("duplicates"), rs.getInt("refused"));
        return new TrafficRun(rs.getLong("id"), rs.getLong("tenant_id"), rs.getInt("calls"), rs.getInt("span_hours"),
                TrafficRunStatus.valueOf(rs.getString("status")), rs.getInt("done_calls"), outcome,
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
