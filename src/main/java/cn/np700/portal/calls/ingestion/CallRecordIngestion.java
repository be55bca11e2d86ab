package cn.np700.portal.calls.ingestion;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.bindings.BindingMatches;
import cn.np700.portal.calls.CallRecordsStored;
import cn.np700.portal.calls.events.EarlierEventLinks;
import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.numbers.NumberDirectory;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.verification.PersonalDataCipher;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch of pushed call records. Idempotent by call id: the rows go in tagged with this ingestion's id (a
 * duplicate call id leaves the stored row untouched; INSERT IGNORE is not used because it would also swallow a
 * deadlock's rollback), and only the rows that tag found are counted and added to the daily roll-ups, so a retried or
 * overlapping batch stores, and counts, each call once. Records are linked to their binding and tenant (see
 * {@link BindingMatches}: the binding the routing answer named, or the one live at the start give or take
 * {@code portal.calls.clock-skew}); those whose X is held by no one or whose binding cannot be found are stored
 * unmatched, re-linked by {@link UnmatchedCallRelinking} when their binding becomes known, or by an operator. The
 * records a batch stored for tenants are told to listeners once per batch ({@link CallRecordsStored}), in the storing
 * transaction. Call events of a matched record's call that were stored unmatched are linked in the same transaction
 * ({@link EarlierEventLinks}: two more statements, only when there are such events).
 */
@Service
public class CallRecordIngestion {

    public static final int MAX_BATCH = 500;

    private final NumberDirectory numbers;
    private final BindingMatches matches;
    private final PersonalDataCipher cipher;
    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final CallRollups rollups;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final Clock clock;
    private final Duration clockSkew;
    private final ApplicationEventPublisher events;
    private final EarlierEventLinks earlierEvents;
    private final SecureRandom random = new SecureRandom();

    CallRecordIngestion(NumberDirectory numbers, BindingMatches matches, PersonalDataCipher cipher,
            JdbcTemplate jdbcTemplate, JdbcClient jdbc, CallRollups rollups, PlatformTransactionManager transactions,
            TransientFailureRetry retry, ApplicationEventPublisher events, EarlierEventLinks earlierEvents,
            Clock clock, @Value("${portal.calls.clock-skew:PT1M}") Duration clockSkew) {
        this.numbers = numbers;
        this.matches = matches;
        this.cipher = cipher;
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.rollups = rollups;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.retry = retry;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.events = events;
        this.earlierEvents = earlierEvents;
    }

    public IngestResult ingest(List<CallRecordJson> batch) {
        return ingestTelling(batch).result();
    }

    /** What {@link #ingest} answers, and the match status of each record this ingestion stored, by call id. */
    public record Ingested(IngestResult result, Map<String, String> stored) {
    }

    /**
     * Ingests the batch and tells which call ids it stored (a valid record it did not store was stored before). Joins
     * the caller's transaction if there is one, as an upload's step does: then its writes commit or roll back with
     * that transaction, at that transaction's isolation, and a deadlock is not retried here (the retry policy runs
     * work once inside a transaction) but fails the whole step, which its own caller runs again.
     */
    public Ingested ingestTelling(List<CallRecordJson> batch) {
        Instant now = clock.instant();
        List<RecordChecks.Problem> errors = new ArrayList<>();
        Map<String, CheckedRecord> good = new LinkedHashMap<>();
        int duplicatesInBatch = 0;
        for (int i = 0; i < batch.size(); i++) {
            CallRecordJson in = batch.get(i);
            if (in == null) {
                errors.add(new RecordChecks.Problem(i, null, "EMPTY_RECORD", "The record is null."));
                continue;
            }
            RecordChecks.Outcome outcome = RecordChecks.check(i, in, now);
            if (outcome instanceof RecordChecks.Good g) {
                if (good.putIfAbsent(g.record().callId(), g.record()) != null) {
                    duplicatesInBatch++;
                }
            } else if (outcome instanceof RecordChecks.Bad b) {
                errors.add(b.problem());
            }
        }
        NumberDirectory.Standing standing = numbers.standing(good.values().stream().map(CheckedRecord::x)
                .collect(java.util.stream.Collectors.toSet()));
        List<Row> rows = new ArrayList<>();
        for (CheckedRecord record : good.values()) {
            if (!standing.inKnownBlocks().contains(record.x())) {
                errors.add(new RecordChecks.Problem(record.index(), record.callId(), "UNKNOWN_X",
                        "x is not a number of this platform."));
            } else {
                rows.add(new Row(record));
            }
        }
        errors.sort(java.util.Comparator.comparingInt(RecordChecks.Problem::index));
        link(rows, standing.holders());
        Stored stored = store(rows, now);
        return new Ingested(new IngestResult(stored.inserted(), stored.unmatched(),
                duplicatesInBatch + rows.size() - stored.inserted(), errors.size(), errors), stored.matchStatus());
    }

    /** A checked record with what linking and sealing add. */
    static final class Row {
        final CheckedRecord record;
        byte[] callerHash;
        byte[] calleeHash;
        Long tenantId;
        Long bindingId;
        String direction = "UNKNOWN";
        String matchStatus = "NO_BINDING";

        Row(CheckedRecord record) {
            this.record = record;
        }
    }

    private static final MultiRowInsert RECORDS = new MultiRowInsert("""
            call_record (call_id, tenant_id, binding_id, match_status, x, caller_cipher, caller_hash, caller_masked,
                callee_cipher, callee_hash, callee_masked, call_type, direction, start_time, ring_time, answer_time,
                release_time, duration_seconds, release_cause, release_side, result, recording_ref, received_at, ingest_id)""",
            24, "ON DUPLICATE KEY UPDATE call_id = call_id");

    private void link(List<Row> rows, Map<Long, Long> holders) {
        List<BindingMatches.Call> calls = new ArrayList<>();
        for (Row row : rows) {
            row.callerHash = cipher.index(row.record.caller());
            row.calleeHash = row.record.callee() == null ? null : cipher.index(row.record.callee());
            calls.add(new BindingMatches.Call(row.record.x(), row.callerHash, row.calleeHash, row.record.start(),
                    row.record.routedBinding()));
        }
        Map<Integer, BindingMatches.Match> found = matches.match(calls, clockSkew);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            BindingMatches.Match match = found.get(i);
            if (match != null) {
                row.tenantId = match.tenantId().value();
                row.bindingId = match.bindingId();
                row.direction = match.callerIsA() ? "A_TO_B" : "B_TO_A";
                row.matchStatus = "MATCHED";
            } else if (!holders.containsKey(row.record.x())) {
                row.matchStatus = "NO_TENANT";
            }
        }
    }

    private static CallRecordsStored.Stored stored(Row row, long recordId) {
        CheckedRecord r = row.record;
        return new CallRecordsStored.Stored(TenantId.of(row.tenantId), recordId, row.bindingId, r.callId(), r.x(),
                PhoneNumbers.maskCallNumber(r.caller()), r.callee() == null ? null : PhoneNumbers.maskCallNumber(r.callee()),
                r.start(), r.release(), r.durationSeconds(), r.releaseCause());
    }

    private record Stored(Map<String, String> matchStatus) {

        int inserted() {
            return matchStatus.size();
        }

        int unmatched() {
            return (int) matchStatus.values().stream().filter(status -> !"MATCHED".equals(status)).count();
        }
    }

    private Stored store(List<Row> rows, Instant now) {
        if (rows.isEmpty()) {
            return new Stored(Map.of());
        }
        return retry.inTransaction(tx, status -> insert(rows, now));
    }

    private Stored insert(List<Row> unsorted, Instant now) {
        List<Row> rows = unsorted.stream().sorted(java.util.Comparator.comparing(r -> r.record.callId())).toList();
        long ingestId = random.nextLong() & Long.MAX_VALUE;
        Timestamp received = Timestamp.from(now);
        RECORDS.insert(jdbcTemplate, rows, (ps, i, row) -> {
            CheckedRecord r = row.record;
            ps.setString(i++, r.callId());
            ps.setObject(i++, row.tenantId);
            ps.setObject(i++, row.bindingId);
            ps.setString(i++, row.matchStatus);
            ps.setLong(i++, r.x());
            ps.setBytes(i++, cipher.encrypt(r.caller()));
            ps.setBytes(i++, row.callerHash);
            ps.setString(i++, PhoneNumbers.maskCallNumber(r.caller()));
            ps.setBytes(i++, r.callee() == null ? null : cipher.encrypt(r.callee()));
            ps.setBytes(i++, row.calleeHash);
            ps.setString(i++, r.callee() == null ? null : PhoneNumbers.maskCallNumber(r.callee()));
            ps.setString(i++, r.type().name());
            ps.setString(i++, row.direction);
            ps.setTimestamp(i++, Timestamp.from(r.start()));
            ps.setTimestamp(i++, r.ring() == null ? null : Timestamp.from(r.ring()));
            ps.setTimestamp(i++, r.answer() == null ? null : Timestamp.from(r.answer()));
            ps.setTimestamp(i++, r.release() == null ? null : Timestamp.from(r.release()));
            ps.setInt(i++, r.durationSeconds());
            ps.setObject(i++, r.releaseCause());
            ps.setString(i++, r.releaseSide());
            ps.setString(i++, r.result().name());
            ps.setString(i++, r.recordingRef());
            ps.setTimestamp(i++, received);
            ps.setLong(i++, ingestId);
            return i;
        });
        Map<String, Long> inserted = new HashMap<>();
        Set<String> eventsWaiting = new HashSet<>();
        // with each stored call, whether events of it wait unmatched: linked below, in this transaction
        jdbc.sql("SELECT call_id, id, EXISTS (SELECT 1 FROM call_event e WHERE e.call_id = call_record.call_id "
                        + "AND e.match_status <> 'MATCHED') FROM call_record WHERE ingest_id = ?").param(ingestId)
                .query(rs -> {
                    inserted.put(rs.getString(1), rs.getLong(2));
                    if (rs.getBoolean(3)) {
                        eventsWaiting.add(rs.getString(1));
                    }
                });
        List<Row> mine = rows.stream().filter(r -> inserted.containsKey(r.record.callId())).toList();
        earlierEvents.link(mine.stream().filter(r -> r.tenantId != null && eventsWaiting.contains(r.record.callId()))
                .map(r -> new EarlierEventLinks.CallMatch(r.record.callId(), r.bindingId, TenantId.of(r.tenantId)))
                .toList(), EarlierEventLinks.Source.CALL_RECORD, now);
        rollups.add(mine.stream().filter(r -> r.tenantId != null).map(r -> CountedCall.of(TenantId.of(r.tenantId), r.record)).toList());
        List<CallRecordsStored.Stored> told = mine.stream().filter(r -> r.tenantId != null)
                .map(r -> stored(r, inserted.get(r.record.callId()))).toList();
        if (!told.isEmpty()) {
            events.publishEvent(new CallRecordsStored(told));
        }
        Map<String, String> matchStatus = new LinkedHashMap<>();
        mine.forEach(r -> matchStatus.put(r.record.callId(), r.matchStatus));
        return new Stored(matchStatus);
    }
}
