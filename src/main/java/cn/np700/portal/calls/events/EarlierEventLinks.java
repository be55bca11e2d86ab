package cn.np700.portal.calls.events;

import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.calls.CallStatusReported;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links the events of a call that were stored unmatched once the call's match is known: its record matched, or a
 * later event of it did. Two statements whatever their number: one conditional UPDATE (only rows still unmatched, so
 * of two transactions linking the same row only one changes it) that tags the rows with this linking's id, and the
 * tagged rows read back. Each linked event is then told to listeners as {@link CallStatusReported}, in the linking
 * transaction, as a matched event is when it is stored; the linking is audited once per tenant.
 */
@Component
public class EarlierEventLinks {

    /** How a call came to be matched: its record, a later event, or the minute's sweep (the audit's codes). */
    public enum Source { CALL_RECORD, CALL_EVENT, RELINK_SWEEP }

    /** The binding (and its tenant) a call turned out to belong to. */
    public record CallMatch(String callId, long bindingId, TenantId tenant) {
    }

    /** An event this linking matched. */
    public record Linked(long id, String callId, CallEventType type, long bindingId, TenantId tenant) {
    }

    private static final int SWEEP_CALLS = 500;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    EarlierEventLinks(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Links, in the caller's transaction, the unmatched events of these calls; answers the events it linked. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Linked> link(Collection<CallMatch> matches, Source source, Instant now) {
        Map<String, CallMatch> byCall = new LinkedHashMap<>();
        matches.stream().sorted(java.util.Comparator.comparing(CallMatch::callId))
                .forEach(m -> byCall.putIfAbsent(m.callId(), m));
        if (byCall.isEmpty()) {
            return List.of();
        }
        long linkId = random.nextLong() & Long.MAX_VALUE;
        StringBuilder binding = new StringBuilder("CASE call_id");
        StringBuilder tenant = new StringBuilder("CASE call_id");
        List<Object> bindingParams = new ArrayList<>();
        List<Object> tenantParams = new ArrayList<>();
        for (CallMatch m : byCall.values()) {
            binding.append(" WHEN ? THEN ?");
            tenant.append(" WHEN ? THEN ?");
            bindingParams.addAll(List.of(m.callId(), m.bindingId()));
            tenantParams.addAll(List.of(m.callId(), m.tenant().value()));
        }
        List<Object> params = new ArrayList<>(bindingParams);
        params.addAll(tenantParams);
        params.addAll(List.of(linkId, Timestamp.from(now)));
        params.addAll(byCall.keySet());
        int changed = jdbc.sql("UPDATE call_event SET binding_id = " + binding + " END, tenant_id = " + tenant
                        + " END, match_status = 'MATCHED', linked_id = ?, linked_at = ? WHERE call_id IN ("
                        + String.join(",", byCall.keySet().stream().map(c -> "?").toList())
                        + ") AND match_status <> 'MATCHED'")
                .params(params).update();
        if (changed == 0) {
            return List.of();
        }
        List<Linked> linked = new ArrayList<>();
        List<CallStatusReported> told = new ArrayList<>();
        jdbc.sql("SELECT id, call_id, event_type, binding_id, tenant_id, x, cause, event_time FROM call_event "
                        + "WHERE linked_id = ? ORDER BY event_time, FIELD(event_type, 'ALERTING', 'ANSWERED', 'DISCONNECTED')")
                .param(linkId)
                .query(rs -> {
                    TenantId tenantId = TenantId.of(rs.getLong(5));
                    CallEventType type = CallEventType.valueOf(rs.getString(3));
                    linked.add(new Linked(rs.getLong(1), rs.getString(2), type, rs.getLong(4), tenantId));
                    told.add(new CallStatusReported(tenantId, rs.getLong(4), rs.getString(2), rs.getLong(6), type,
                            rs.getString(7), rs.getTimestamp(8).toInstant()));
                });
        told.forEach(events::publishEvent);
        Map<TenantId, List<Linked>> perTenant = new LinkedHashMap<>();
        linked.forEach(l -> perTenant.computeIfAbsent(l.tenant(), t -> new ArrayList<>()).add(l));
        perTenant.forEach((t, ofTenant) -> events.publishEvent(new CallEventsLinked(t, ofTenant, source)));
        return linked;
    }

    /**
     * The safety net for what the storing transactions cannot see: an event stored unmatched while its call's
     * record or a later event was being matched in another transaction not yet committed, or a record linked later by
     * re-linking or by an operator. Links the unmatched events received since {@code since} whose call is matched
     * now, up to 500 calls a run.
     */
    @RetryOnTransientFailure
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int sweep(Instant since, Instant now) {
        Timestamp from = Timestamp.from(since);
        List<CallMatch> matches = jdbc.sql("""
                        SELECT e.call_id, r.binding_id, r.tenant_id FROM call_event e
                          JOIN call_record r ON r.call_id = e.call_id AND r.match_status = 'MATCHED'
                         WHERE e.match_status IN ('NO_BINDING', 'NO_TENANT') AND e.event_time >= ?
                        UNION
                        SELECT e.call_id, m.binding_id, m.tenant_id FROM call_event e
                          JOIN call_event m ON m.call_id = e.call_id AND m.match_status = 'MATCHED'
                         WHERE e.match_status IN ('NO_BINDING', 'NO_TENANT') AND e.event_time >= ?
                        LIMIT ?""")
                .params(from, from, SWEEP_CALLS)
                .query((rs, n) -> new CallMatch(rs.getString(1), rs.getLong(2), TenantId.of(rs.getLong(3))))
                .list();
        return link(matches, Source.RELINK_SWEEP, now).size();
    }
}
