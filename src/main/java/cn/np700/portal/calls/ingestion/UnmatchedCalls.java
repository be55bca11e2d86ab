package cn.np700.portal.calls.ingestion;

import cn.np700.portal.calls.views.CallRecordQueries;
import cn.np700.portal.calls.views.CallRow;
import cn.np700.portal.database.RetryOnTransientFailure;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The records ingestion could not link to a tenant (NO_TENANT: nobody holds X) or to a binding (NO_BINDING), waiting
 * for an operator to review them, oldest first. Each reason is read as its own range of ix_call_unmatched_review
 * (match_status, reviewed_at, id) and the two are merged, so the queue's head is found without sorting the backlog.
 */
@Component
class UnmatchedCalls {

    static final List<String> REASONS = List.of("NO_BINDING", "NO_TENANT");
    static final int SIZE = 30;

    private final JdbcClient jdbc;
    private final org.springframework.context.ApplicationEventPublisher events;

    UnmatchedCalls(JdbcClient jdbc, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} open records after id {@code afterId}; {@code reason} null for both reasons. */
    List<CallRow> open(String reason, long afterId, int limit) {
        List<String> reasons = reason == null ? REASONS : List.of(reason);
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (String r : reasons) {
            parts.add("(SELECT " + CallRecordQueries.COLUMNS + " FROM call_record WHERE match_status = ? "
                    + "AND reviewed_at IS NULL AND id > ? ORDER BY id LIMIT ?)");
            params.addAll(List.of(r, afterId, limit));
        }
        params.add(limit);
        return jdbc.sql("SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") open_records ORDER BY id LIMIT ?")
                .params(params).query(CallRecordQueries::map).list();
    }

    /** How many records wait for review, per reason (both reasons always present). */
    Map<String, Long> openCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        REASONS.forEach(r -> counts.put(r, 0L));
        jdbc.sql("SELECT match_status, COUNT(*) FROM call_record WHERE match_status IN ('NO_BINDING', 'NO_TENANT') "
                        + "AND reviewed_at IS NULL GROUP BY match_status")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    enum Outcome { REVIEWED, ALREADY_REVIEWED, NOT_FOUND }

    @RetryOnTransientFailure
    @org.springframework.transaction.annotation.Transactional
    Outcome markReviewed(long id, String by, Instant at) {
        int changed = jdbc.sql("UPDATE call_record SET reviewed_at = ?, reviewed_by = ? "
                        + "WHERE id = ? AND match_status <> 'MATCHED' AND reviewed_at IS NULL")
                .params(Timestamp.from(at), by, id).update();
        if (changed == 1) {
            events.publishEvent(new UnmatchedCallReviewed(id));
            return Outcome.REVIEWED;
        }
        boolean unmatched = jdbc.sql("SELECT COUNT(*) FROM call_record WHERE id = ? AND match_status <> 'MATCHED'")
                .param(id).query(Long.class).single() > 0;
        return unmatched ? Outcome.ALREADY_REVIEWED : Outcome.NOT_FOUND;
    }
}
