package cn.np700.portal.calls.views;

import cn.np700.portal.bindings.BindingDirectory;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads call records newest first by (start_time, id), one keyset page at a time: each page seeks to its cursor
 * through an index that starts with the filter's leading column (tenant, tenant + X, binding, or start time alone)
 * and ends with (start_time, id), so a page costs the same on the first day and at tens of millions of rows.
 */
@Component
public class CallRecordQueries {

    public static final String COLUMNS = """
            id, call_id, tenant_id, binding_id, match_status, x, caller_masked, callee_masked, call_type, direction,
            start_time, ring_time, answer_time, release_time, duration_seconds, release_cause, release_side, result,
            recording_ref, received_at, reviewed_at, reviewed_by""";

    private final JdbcClient jdbc;
    private final BindingDirectory bindings;

    CallRecordQueries(JdbcClient jdbc, BindingDirectory bindings) {
        this.jdbc = jdbc;
        this.bindings = bindings;
    }

    /** Up to {@code limit} rows older than {@code after} (from the newest when null), newest first. */
    List<CallRow> older(CallCriteria criteria, KeysetCursor after, int limit) {
        SqlWhere where = where(criteria);
        if (after != null) {
            // spelled out rather than (start_time, id) < (?, ?), which MySQL does not always turn into an index range
            Timestamp at = Timestamp.from(after.start());
            where.and("start_time <= ? AND (start_time < ? OR id < ?)", at, at, after.id());
        }
        return select(where, "ORDER BY start_time DESC, id DESC", limit);
    }

    /** Up to {@code limit} rows newer than {@code before}, the ones nearest to it, still newest first. */
    List<CallRow> newer(CallCriteria criteria, KeysetCursor before, int limit) {
        SqlWhere where = where(criteria);
        Timestamp at = Timestamp.from(before.start());
        where.and("start_time >= ? AND (start_time > ? OR id > ?)", at, at, before.id());
        List<CallRow> rows = new ArrayList<>(select(where, "ORDER BY start_time ASC, id ASC", limit));
        Collections.reverse(rows);
        return rows;
    }

    /** One record within the scope: another tenant's record is not found, like a missing one. */
    public Optional<CallRow> find(Scope scope, long id) {
        return select(new SqlWhere().and("id = ?", id).within(scope, "tenant_id"), "", 1).stream().findFirst();
    }

    /**
     * The rows with the orderRef of their binding filled in (one lookup for the whole page). A matched call's tenant
     * is its binding's, so the look-up carries the rows' own tenants.
     */
    List<CallRow> withOrderRefs(List<CallRow> rows) {
        List<CallRow> matched = rows.stream().filter(r -> r.bindingId() != null && r.tenantId() != null).toList();
        Map<Long, String> refs = bindings.orderRefs(matched.stream().map(CallRow::tenantId).distinct().toList(),
                matched.stream().map(CallRow::bindingId).distinct().toList());
        if (refs.isEmpty()) {
            return rows;
        }
        return rows.stream().map(r -> r.bindingId() == null ? r : r.withOrderRef(refs.get(r.bindingId()))).toList();
    }

    private List<CallRow> select(SqlWhere where, String orderBy, int limit) {
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        return jdbc.sql("SELECT " + COLUMNS + " FROM call_record" + where.sql() + " " + orderBy + " LIMIT ?")
                .params(params).query(CallRecordQueries::map).list();
    }

    static SqlWhere where(CallCriteria c) {
        SqlWhere where = new SqlWhere().within(c.scope(), "tenant_id").narrowedTo(c.tenant(), "tenant_id");
        if (c.x() != null) {
            where.and("x = ?", c.x());
        }
        if (c.bindingIds() != null) {
            if (c.bindingIds().isEmpty()) {
                where.and("1 = 0");
            } else {
                where.and("binding_id IN (" + String.join(", ", Collections.nCopies(c.bindingIds().size(), "?")) + ")",
                        c.bindingIds().toArray());
            }
        }
        if (c.bindingId() != null) {
            where.and("binding_id = ?", c.bindingId());
        }
        if (c.from() != null) {
            where.and("start_time >= ?", Timestamp.from(c.from()));
        }
        if (c.toExclusive() != null) {
            where.and("start_time < ?", Timestamp.from(c.toExclusive()));
        }
        if (c.result() != null) {
            where.and("result = ?", c.result());
        }
        if (c.direction() != null) {
            where.and("direction = ?", c.direction());
        }
        if (c.type() != null) {
            where.and("call_type = ?", c.type());
        }
        return where;
    }

    public static CallRow map(ResultSet rs, int row) throws SQLException {
        return new CallRow(rs.getLong("id"), rs.getString("call_id"),
                TenantId.ofNullable(rs.getObject("tenant_id", Long.class)).orElse(null),
                rs.getObject("binding_id", Long.class), rs.getString("match_status"), rs.getLong("x"),
                rs.getString("caller_masked"), rs.getString("callee_masked"), rs.getString("call_type"),
                rs.getString("direction"), instant(rs, "start_time"), instant(rs, "ring_time"),
                instant(rs, "answer_time"), instant(rs, "release_time"), rs.getInt("duration_seconds"),
                rs.getObject("release_cause", Integer.class), rs.getString("release_side"), rs.getString("result"),
                rs.getString("recording_ref"), instant(rs, "received_at"), instant(rs, "reviewed_at"),
                rs.getString("reviewed_by"), null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
