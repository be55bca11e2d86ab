package cn.np700.portal.calls.ingestion;

import cn.np700.portal.bindings.BindingMatches;
import cn.np700.portal.calls.CallRecordsLinked;
import cn.np700.portal.calls.CallRecordsStored;
import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import cn.np700.portal.database.TransientFailureRetry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import cn.np700.portal.scope.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links stored unmatched records to their binding: again by the matching rules once the binding is known (a record
 * can arrive before its binding is visible to this node, or for a binding another node is still committing), or by an
 * operator's choice. A record is linked once: the UPDATE takes it only while it is unmatched, and only the one that
 * took it adds it to the daily roll-ups, in the same transaction.
 */
@Component
class UnmatchedCallLinks {

    static final int CHUNK = 500;
    /** How far from the call's start an operator is offered bindings on its X. */
    static final Duration CANDIDATE_WINDOW = Duration.ofDays(1);
    static final int CANDIDATES = 20;

    private final JdbcClient jdbc;
    private final BindingMatches matches;
    private final CallRollups rollups;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final ApplicationEventPublisher events;
    private final Duration clockSkew;

    UnmatchedCallLinks(JdbcClient jdbc, BindingMatches matches, CallRollups rollups, TransactionTemplate tx,
            TransientFailureRetry retry,
            ApplicationEventPublisher events, @Value("${portal.calls.clock-skew:PT1M}") Duration clockSkew) {
        this.jdbc = jdbc;
        this.matches = matches;
        this.rollups = rollups;
        this.tx = tx;
        this.retry = retry;
        this.events = events;
        this.clockSkew = clockSkew;
    }

    /**
     * What linking needs of a stored record: its X, the parties' keyed hashes, its start and its figures, and what the
     * enterprise is told of it once linked.
     */
    record Stored(long id, long x, byte[] callerHash, byte[] calleeHash, Instant start, CallType type, CallResult result,
            int durationSeconds, String matchStatus, String callId, String maskedCaller, String maskedCallee,
            Instant end, Integer releaseCause) {

        BindingMatches.Call call() {
            return new BindingMatches.Call(x, callerHash, calleeHash, start, null);
        }

        CountedCall counted(TenantId tenant) {
            return new CountedCall(tenant, x, start, type, result, durationSeconds);
        }

        CallRecordsStored.Stored told(TenantId tenant, long bindingId) {
            return new CallRecordsStored.Stored(tenant, id, bindingId, callId, x, maskedCaller, maskedCallee, start, end,
                    durationSeconds, releaseCause);
        }
    }

    private static final String STORED = "SELECT id, x, caller_hash, callee_hash, start_time, call_type, result, "
            + "duration_seconds, match_status, call_id, caller_masked, callee_masked, release_time, release_cause "
            + "FROM call_record";

    /** Links every open (not reviewed) unmatched record received since {@code since} whose binding is now known. */
    int relink(Instant since) {
        int linked = 0;
        for (String reason : UnmatchedCalls.REASONS) {
            long after = 0;
            List<Stored> chunk;
            do {
                chunk = jdbc.sql(STORED + " WHERE match_status = ? AND reviewed_at IS NULL AND id > ? AND received_at >= ? "
                                + "ORDER BY id LIMIT " + CHUNK)
                        .params(reason, after, Timestamp.from(since)).query(UnmatchedCallLinks::stored).list();
                if (!chunk.isEmpty()) {
                    after = chunk.get(chunk.size() - 1).id();
                    linked += relinkChunk(chunk);
                }
            } while (chunk.size() == CHUNK);
        }
        return linked;
    }

    /**
     * Links, in one transaction, the chunk's records whose binding is found, in the chunk's order; the enterprises
     * are told only of those this transaction took ({@link CallRecordsLinked}), so a record a racing link took first
     * is told by that one alone.
     */
    private int relinkChunk(List<Stored> chunk) {
        Map<Integer, BindingMatches.Match> found = new TreeMap<>(
                matches.match(chunk.stream().map(Stored::call).toList(), clockSkew));
        if (found.isEmpty()) {
            return 0;
        }
        return retry.inTransaction(tx, status -> {
            Map<TenantId, List<Long>> linkedPerTenant = new TreeMap<>(Comparator.comparingLong(TenantId::value));
            List<CountedCall> counted = new ArrayList<>();
            List<CallRecordsStored.Stored> told = new ArrayList<>();
            found.forEach((index, match) -> {
                Stored stored = chunk.get(index);
                TenantId tenant = match.tenantId();
                if (take(stored, match.bindingId(), tenant, direction(match.callerIsA()), null, null)) {
                    counted.add(stored.counted(tenant));
                    told.add(stored.told(tenant, match.bindingId()));
                    linkedPerTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(stored.id());
                }
            });
            rollups.add(counted);
            linkedPerTenant.forEach((tenant, ids) -> events.publishEvent(new UnmatchedCallsRelinked(tenant, ids)));
            if (!told.isEmpty()) {
                events.publishEvent(new CallRecordsLinked(told));
            }
            return counted.size();
        });
    }

    /** The record and the bindings on its X an operator may link it to, nearest in time first. */
    Optional<Choice> choice(long recordId) {
        return find(recordId).map(stored -> new Choice(stored, matches.candidates(stored.x(), stored.callerHash(),
                stored.calleeHash(), stored.start(), CANDIDATE_WINDOW, CANDIDATES)));
    }

    record Choice(Stored record, List<BindingMatches.Candidate> candidates) {
    }

    enum Outcome { LINKED, ALREADY_MATCHED, NOT_ON_X, NOT_FOUND }

    /** An operator links the record to a binding on its X, with a reason; audited. */
    Outcome linkByHand(long recordId, long bindingId, String reason, String by, Instant at) {
        Optional<Stored> found = find(recordId);
        if (found.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        Stored stored = found.get();
        if ("MATCHED".equals(stored.matchStatus())) {
            return Outcome.ALREADY_MATCHED;
        }
        Optional<BindingMatches.Candidate> binding = matches.candidate(bindingId, stored.x(), stored.callerHash(),
                stored.calleeHash());
        if (binding.isEmpty()) {
            return Outcome.NOT_ON_X;
        }
        BindingMatches.Candidate b = binding.get();
        TenantId tenant = b.tenantId();
        return retry.inTransaction(tx, status -> {
            if (!take(stored, b.bindingId(), tenant, direction(b.callerIsA()), by, at)) {
                return Outcome.ALREADY_MATCHED;
            }
            rollups.add(List.of(stored.counted(tenant)));
            events.publishEvent(new UnmatchedCallLinked(stored.id(), b.bindingId(), tenant, stored.matchStatus(),
                    b.partiesMatch(), reason));
            events.publishEvent(new CallRecordsLinked(List.of(stored.told(tenant, b.bindingId()))));
            return Outcome.LINKED;
        });
    }

    private boolean take(Stored stored, long bindingId, TenantId tenant, String direction, String by, Instant at) {
        return jdbc.sql("UPDATE call_record SET tenant_id = ?, binding_id = ?, direction = ?, match_status = 'MATCHED', "
                        + "reviewed_at = COALESCE(?, reviewed_at), reviewed_by = COALESCE(?, reviewed_by) "
                        + "WHERE id = ? AND match_status = ?")
                .params(tenant, bindingId, direction, at == null ? null : Timestamp.from(at), by, stored.id(),
                        stored.matchStatus())
                .update() == 1;
    }

    private static String direction(Boolean callerIsA) {
        if (callerIsA == null) {
            return "UNKNOWN";
        }
        return callerIsA ? "A_TO_B" : "B_TO_A";
    }

    private Optional<Stored> find(long id) {
        return jdbc.sql(STORED + " WHERE id = ?").param(id).query(UnmatchedCallLinks::stored).optional();
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getLong("x"), rs.getBytes("caller_hash"), rs.getBytes("callee_hash"),
                rs.getTimestamp("start_time").toInstant(), CallType.valueOf(rs.getString("call_type")),
                CallResult.valueOf(rs.getString("result")), rs.getInt("duration_seconds"), rs.getString("match_status"),
                rs.getString("call_id"), rs.getString("caller_masked"), rs.getString("callee_masked"),
                instant(rs.getTimestamp("release_time")), rs.getObject("release_cause", Integer.class));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
