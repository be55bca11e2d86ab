package cn.np700.portal.runs.engine;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.runs.NewRun;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.runs.RunStatus;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every statement on {@code background_run} and its input. Heartbeats and staleness use the database's clock, so that
 * nodes whose clocks differ still agree on which owner went silent.
 */
@Component
public class RunTable {

    private static final String SELECT = """
            SELECT id, kind, tenant_id, label, started_by, started_by_user_id, started_by_tenant_id, total, position,
                counts, status, failure, ended_by, claims, created_at, finished_at
            FROM background_run""";
    private static final TypeReference<LinkedHashMap<String, Integer>> COUNTS = new TypeReference<>() {
    };

    // hand-written: claims, steps and heartbeats are conditional UPDATEs on the database's clock, the run's whole protocol
    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    RunTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a RUNNING run and its input, held by {@code node} (the node that starts a run takes it up itself, so
     * no other node can claim it between the commit and the start); a duplicate key when its exclusive key is held.
     */
    public long insert(NewRun run, String node, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO background_run (kind, tenant_id, label, started_by, started_by_user_id, started_by_tenant_id,
                    total, status, exclusive_key, owner_node, heartbeat_at, claims, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, NOW(3), 1, ?, ?)""")
                .params(run.kind(), run.tenant().orElse(null), cut(run.label(), 200), run.startedBy().name(), run.startedBy().userId(),
                        run.startedBy().tenantId(), run.total(), run.exclusiveKey(), node, Timestamp.from(now),
                        Timestamp.from(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        jdbc.sql("INSERT INTO background_run_input (run_id, content) VALUES (?, ?)")
                .params(id, run.input() == null ? new byte[0] : run.input()).update();
        return id;
    }

    public Optional<Run> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::map).optional();
    }

    public Optional<Run> findOfTenant(String kind, TenantId tenant, long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND kind = ? AND tenant_id = ?").params(id, kind, tenant)
                .query(this::map).optional();
    }

    public Optional<Run> findOfKind(String kind, long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND kind = ?").params(id, kind).query(this::map).optional();
    }

    public Optional<Run> runningWith(String exclusiveKey) {
        return jdbc.sql(SELECT + " WHERE exclusive_key = ?").param(exclusiveKey).query(this::map).optional();
    }

    public List<Run> recentOfTenant(String kind, TenantId tenant, int limit) {
        return jdbc.sql(SELECT + " WHERE kind = ? AND tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(kind, tenant, limit).query(this::map).list();
    }

    public List<Run> recentOfKind(String kind, int limit) {
        return jdbc.sql(SELECT + " WHERE kind = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(kind, limit).query(this::map).list();
    }

    /** A page of every kind's runs for operators, filtered by kind and status (both optional), in a checked order. */
    public Page<Run> page(String kind, RunStatus status, SortOrder sort, PageQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (kind != null) {
            where.append(" AND kind = ?");
            params.add(kind);
        }
        if (status != null) {
            where.append(" AND status = ?");
            params.add(status.name());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM background_run" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.size());
        pageParams.add(query.offset());
        List<Run> runs = jdbc.sql(SELECT + where + " ORDER BY " + sort.sql() + ", id DESC LIMIT ? OFFSET ?")
                .params(pageParams).query(this::map).list();
        return new Page<>(runs, query.page(), query.size(), total);
    }

    /** The node holding each of these runs now, for those someone holds. */
    public Map<Long, String> owners(Collection<Long> ids) {
        Map<Long, String> owners = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, owner_node FROM background_run WHERE owner_node IS NOT NULL AND id IN ("
                            + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")
                    .params(new ArrayList<Object>(ids))
                    .query(rs -> {
                        owners.put(rs.getLong(1), rs.getString(2));
                    });
        }
        return owners;
    }

    byte[] input(long id) {
        return jdbc.sql("SELECT content FROM background_run_input WHERE run_id = ?").param(id).query(byte[].class)
                .optional().orElse(new byte[0]);
    }

    /** A run nobody holds, or whose owner has been silent for {@code staleAfter}: id, kind and claims so far. */
    record Orphan(long id, String kind, int claims) {
    }

    /** Orphans of the given kinds only (those this node has room for), oldest first. */
    List<Orphan> orphans(Collection<String> kinds, Duration staleAfter, int limit) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(kinds);
        params.add(staleAfter.toNanos() / 1000);
        params.add(limit);
        return jdbc.sql("SELECT id, kind, claims FROM background_run WHERE status = 'RUNNING' AND kind IN ("
                        + String.join(", ", Collections.nCopies(kinds.size(), "?")) + ") "
                        + "AND (owner_node IS NULL OR heartbeat_at < NOW(3) - INTERVAL ? MICROSECOND) ORDER BY id LIMIT ?")
                .params(params)
                .query((rs, n) -> new Orphan(rs.getLong(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** Takes the run for {@code node} if it is still an orphan; true when this node now holds it. */
    boolean claim(long id, String node, Duration staleAfter) {
        return jdbc.sql("""
                UPDATE background_run SET owner_node = ?, heartbeat_at = NOW(3), claims = claims + 1
                WHERE id = ? AND status = 'RUNNING' AND (owner_node IS NULL OR heartbeat_at < NOW(3) - INTERVAL ? MICROSECOND)""")
                .params(node, id, staleAfter.toNanos() / 1000).update() == 1;
    }

    /**
     * Gives a run back (this node stops, or could not start it), so that any node may take it at once. The claim is
     * taken back too: {@code claims} counts the times a run was taken from a node that fell silent, which is what the
     * restart limit is about, not orderly hand-overs.
     */
    void release(long id, String node) {
        jdbc.sql("UPDATE background_run SET owner_node = NULL, heartbeat_at = NULL, claims = GREATEST(claims - 1, 0) "
                + "WHERE id = ? AND owner_node = ? AND status = 'RUNNING'").params(id, node).update();
    }

    /** The heartbeat of the runs this node holds; returns how many it still holds. */
    int beat(Collection<Long> ids, String node) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>();
        params.add(node);
        params.addAll(ids);
        return jdbc.sql("UPDATE background_run SET heartbeat_at = NOW(3) WHERE owner_node = ? AND status = 'RUNNING' "
                + "AND id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")").params(params).update();
    }

    /**
     * Moves a run this node holds from {@code from} to {@code to} with its new counts. False when the run is no longer
     * this node's at that position (cancelled, or taken over while this node was silent): the step must roll back.
     */
    boolean advance(long id, String node, int from, int to, RunCounts counts, Instant now) {
        return jdbc.sql("""
                UPDATE background_run SET position = ?, counts = ?, heartbeat_at = NOW(3), updated_at = ?
                WHERE id = ? AND owner_node = ? AND status = 'RUNNING' AND position = ?""")
                .params(to, json.writeValueAsString(counts.byName()), Timestamp.from(now), id, node, from).update() == 1;
    }

    /**
     * Moves a run cancelled at {@code from} to {@code to} with its new counts, for a step whose items were done before
     * the cancel reached it; false when the run is not cancelled there (another node's step of the same items came
     * first, or it was taken over and moved on).
     */
    boolean advanceCancelled(long id, int from, int to, RunCounts counts, Instant now) {
        return jdbc.sql("""
                UPDATE background_run SET position = ?, counts = ?, updated_at = ?
                WHERE id = ? AND status = 'CANCELLED' AND position = ?""")
                .params(to, json.writeValueAsString(counts.byName()), Timestamp.from(now), id, from).update() == 1;
    }

    /** Ends a run held by {@code node}; true when it was still running and this node's. */
    boolean end(long id, String node, RunStatus status, String failure, Instant now) {
        int updated = jdbc.sql("""
                UPDATE background_run SET status = ?, failure = ?, exclusive_key = NULL, owner_node = NULL,
                    updated_at = ?, finished_at = ?
                WHERE id = ? AND status = 'RUNNING' AND owner_node = ?""")
                .params(status.name(), cut(failure, 200), Timestamp.from(now), Timestamp.from(now), id, node)
                .update();
        if (updated == 1) {
            jdbc.sql("DELETE FROM background_run_input WHERE run_id = ?").param(id).update();
        }
        return updated == 1;
    }

    /** Cancels a running run whoever holds it; its owner finds out at its next step, which rolls back. */
    public boolean cancel(long id, String by, Instant now) {
        int updated = jdbc.sql("""
                UPDATE background_run SET status = 'CANCELLED', ended_by = ?, exclusive_key = NULL, owner_node = NULL,
                    updated_at = ?, finished_at = ?
                WHERE id = ? AND status = 'RUNNING'""")
                .params(by, Timestamp.from(now), Timestamp.from(now), id).update();
        if (updated == 1) {
            jdbc.sql("DELETE FROM background_run_input WHERE run_id = ?").param(id).update();
        }
        return updated == 1;
    }

    private Run map(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        Map<String, Integer> counts = json.readValue(rs.getString("counts"), COUNTS);
        return new Run(rs.getLong("id"), rs.getString("kind"),
                TenantId.ofNullable(rs.getObject("tenant_id", Long.class)), rs.getString("label"),
                new AuditActor(rs.getString("started_by"), rs.getObject("started_by_user_id", Long.class),
                        TenantId.orNull(rs.getObject("started_by_tenant_id", Long.class))),
                rs.getInt("total"), rs.getInt("position"), new RunCounts(counts), RunStatus.valueOf(rs.getString("status")),
                rs.getString("failure"), rs.getString("ended_by"), rs.getInt("claims"),
                rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
