package cn.np700.portal.calls.events;

import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import cn.np700.portal.web.SqlWhere;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The call events no call could be matched to (NO_TENANT, NO_BINDING), for operators only: they belong to no tenant,
 * so no tenant-scoped view ever reads them. Read on ix_call_event_unmatched (match_status, event_time).
 */
@Component
class UnmatchedEvents {

    static final List<String> REASONS = List.of("NO_BINDING", "NO_TENANT");
    static final Map<String, String> SORTS = Map.of("time", "event_time", "received", "received_at", "x", "x",
            "type", "event_type", "carrier", "carrier", "reason", "match_status");
    private static final String UNMATCHED = "match_status IN ('NO_BINDING', 'NO_TENANT')";
    private static final String COLUMNS = "id, call_id, x, event_type, cause, event_time, match_status, carrier, received_at";

    /** What an operator narrowed the list to; null fields narrow nothing. */
    record Filter(String carrier, Long x, CallEventType type, String reason, Instant from, Instant to) {
    }

    /** One unmatched event. */
    record Row(long id, String callId, long x, CallEventType type, String cause, Instant at, String reason,
            String carrier, Instant receivedAt) {
    }

    private final JdbcClient jdbc;

    UnmatchedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<Row> page(Filter filter, SortOrder sort, PageQuery page) {
        SqlWhere where = new SqlWhere().and(UNMATCHED);
        if (filter.carrier() != null) {
            where.and("carrier = ?", filter.carrier());
        }
        if (filter.x() != null) {
            where.and("x = ?", filter.x());
        }
        if (filter.type() != null) {
            where.and("event_type = ?", filter.type().name());
        }
        if (filter.reason() != null) {
            where.and("match_status = ?", filter.reason());
        }
        if (filter.from() != null) {
            where.and("event_time >= ?", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.and("event_time < ?", Timestamp.from(filter.to()));
        }
        return where.page(jdbc, "SELECT COUNT(*) FROM call_event" + where.sql(),
                "SELECT " + COLUMNS + " FROM call_event" + where.sql() + " ORDER BY " + sort.sql() + ", id"
                        + (sort.ascending() ? "" : " DESC") + " LIMIT ? OFFSET ?",
                page, (rs, n) -> new Row(rs.getLong("id"), rs.getString("call_id"), rs.getLong("x"),
                        CallEventType.valueOf(rs.getString("event_type")), rs.getString("cause"),
                        rs.getTimestamp("event_time").toInstant(), rs.getString("match_status"), rs.getString("carrier"),
                        rs.getTimestamp("received_at").toInstant()));
    }

    /** How many events are unmatched: the count beside the operators' navigation link. */
    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM call_event WHERE " + UNMATCHED).query(Long.class).single();
    }

    /** The carriers that pushed unmatched events, for the filter's choices. */
    List<String> carriers() {
        return jdbc.sql("SELECT DISTINCT carrier FROM call_event WHERE " + UNMATCHED
                + " AND carrier IS NOT NULL ORDER BY carrier LIMIT 200").query(String.class).list();
    }
}
