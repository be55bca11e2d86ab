package cn.np700.portal.calls.routing;

import cn.np700.portal.calls.views.KeysetCursor;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads kept route rejections within a time range: newest first by keyset on ix_rejection_at, and counts per reason. */
@Component
class RejectionQueries {

    private final JdbcClient jdbc;

    RejectionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RejectionRow> page(Instant from, Instant to, String reason, KeysetCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, call_id, x, caller_masked, reason, tenant_id, binding_id "
                + "FROM route_rejection WHERE at >= ? AND at < ?");
        List<Object> params = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        if (reason != null) {
            sql.append(" AND reason = ?");
            params.add(reason);
        }
        if (after != null) {
            Timestamp at = Timestamp.from(after.start());
            sql.append(" AND at <= ? AND (at < ? OR id < ?)");
            params.addAll(List.of(at, at, after.id()));
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, i) -> new RejectionRow(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("call_id"), rs.getLong("x"), rs.getString("caller_masked"), rs.getString("reason"),
                        TenantId.ofNullable(rs.getObject("tenant_id", Long.class)).orElse(null),
                        rs.getObject("binding_id", Long.class)))
                .list();
    }

    /** Every reason with its count in the range, zeros included, in the order of {@link RejectReason}. */
    Map<String, Long> countsByReason(Instant from, Instant to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RejectReason reason : RejectReason.values()) {
            counts.put(reason.name(), 0L);
        }
        jdbc.sql("SELECT reason, COUNT(*) FROM route_rejection WHERE at >= ? AND at < ? GROUP BY reason")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}
