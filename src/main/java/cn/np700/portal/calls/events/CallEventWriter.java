package cn.np700.portal.calls.events;

import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.calls.CallStatusReported;
import cn.np700.portal.calls.ingestion.MultiRowInsert;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a push's events, each once: the rows go in tagged with this push's id (a second copy of an event leaves the
 * stored row as it is), then every row of the push is read back, so a repeat answers what the first push stored. Each
 * matched event this push stored is told to listeners in the same transaction, and so is each earlier event of the
 * push's calls that was stored unmatched and is linked now that the call's binding is known ({@link EarlierEventLinks}:
 * two more statements, only when there is such an event).
 */
@Component
class CallEventWriter {

    private static final MultiRowInsert EVENTS = new MultiRowInsert("""
            call_event (call_id, event_type, x, cause, event_time, tenant_id, binding_id, match_status, received_at,
                ingest_id, carrier)""", 11, "ON DUPLICATE KEY UPDATE call_id = call_id");

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final EarlierEventLinks earlier;
    private final SecureRandom random = new SecureRandom();

    CallEventWriter(JdbcTemplate jdbcTemplate, JdbcClient jdbc, ApplicationEventPublisher events,
            EarlierEventLinks earlier) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.events = events;
        this.earlier = earlier;
    }

    /** A checked event with the binding it matched (or why none). */
    record Row(CheckedEvent event, TenantId tenant, Long bindingId, String status) {
    }

    @RetryOnTransientFailure
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Map<CheckedEvent.Key, StoredEvent> store(List<Row> unsorted, String carrier, Instant now) {
        // sorted, so that overlapping pushes lock their keys in the same order
        List<Row> rows = unsorted.stream().sorted(Comparator.comparing((Row r) -> r.event().callId())
                .thenComparing(r -> r.event().type())).toList();
        long ingestId = random.nextLong() & Long.MAX_VALUE;
        Timestamp received = Timestamp.from(now);
        EVENTS.insert(jdbcTemplate, rows, (ps, i, row) -> {
            CheckedEvent e = row.event();
            ps.setString(i++, e.callId());
            ps.setString(i++, e.type().name());
            ps.setLong(i++, e.x());
            ps.setString(i++, e.cause());
            ps.setTimestamp(i++, Timestamp.from(e.at()));
            ps.setObject(i++, row.tenant() == null ? null : row.tenant().value());
            ps.setObject(i++, row.bindingId());
            ps.setString(i++, row.status());
            ps.setTimestamp(i++, received);
            ps.setLong(i++, ingestId);
            ps.setString(i++, carrier);
            return i;
        });
        List<String> callIds = rows.stream().map(r -> r.event().callId()).distinct().toList();
        Map<CheckedEvent.Key, StoredEvent> stored = new HashMap<>();
        List<CallStatusReported> mine = new ArrayList<>();
        Map<String, EarlierEventLinks.CallMatch> matchedCalls = new HashMap<>();
        Set<String> waiting = new HashSet<>();
        jdbc.sql("SELECT id, call_id, event_type, match_status, binding_id, tenant_id, x, cause, event_time, ingest_id "
                        + "FROM call_event WHERE call_id IN (" + String.join(",", callIds.stream().map(c -> "?").toList())
                        + ")")
                .params(callIds)
                .query(rs -> {
                    StoredEvent event = new StoredEvent(rs.getLong(1), rs.getString(2),
                            CallEventType.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, Long.class));
                    stored.put(new CheckedEvent.Key(event.callId(), event.type()), event);
                    if (!event.matched()) {
                        waiting.add(event.callId());
                    } else if (rs.getLong(10) == ingestId || !matchedCalls.containsKey(event.callId())) {
                        matchedCalls.put(event.callId(), new EarlierEventLinks.CallMatch(event.callId(),
                                event.bindingId(), TenantId.of(rs.getLong(6))));
                    }
                    if (rs.getLong(10) == ingestId && event.matched()) {
                        mine.add(new CallStatusReported(TenantId.of(rs.getLong(6)), event.bindingId(),
                                event.callId(), rs.getLong(7), event.type(), rs.getString(8),
                                rs.getTimestamp(9).toInstant()));
                    }
                });
        matchedCalls.keySet().retainAll(waiting);
        // earlier events of a call that this push (or another, committed meanwhile) matched: linked now
        for (EarlierEventLinks.Linked linked : earlier.link(matchedCalls.values(), EarlierEventLinks.Source.CALL_EVENT, now)) {
            stored.put(new CheckedEvent.Key(linked.callId(), linked.type()), new StoredEvent(linked.id(), linked.callId(),
                    linked.type(), "MATCHED", linked.bindingId()));
        }
        mine.sort(Comparator.comparing(CallStatusReported::at).thenComparing(CallStatusReported::type));
        mine.forEach(events::publishEvent);
        return stored;
    }
}
