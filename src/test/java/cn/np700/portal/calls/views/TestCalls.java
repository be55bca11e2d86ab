package cn.np700.portal.calls.views;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Call records written straight into the table, for tests that need exact start times (many equal), results and
 * volumes that pushing through the carrier API would make slow. Numbers are stored as ingestion stores them: only the
 * masked form is readable; cipher and hash are placeholders no view ever shows.
 */
final class TestCalls {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** 0..99,999 from five cross-joined digit tables: bulk rows without a sequence engine (MySQL has none). */
    private static final String NUMBERS = """
            SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
            FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a
            CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b
            CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c
            CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) e
            CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) f""";

    private final JdbcClient jdbc;

    TestCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What one inserted record looks like; change what a test cares about with the {@code with*} methods. */
    record Call(Long tenantId, Long bindingId, String matchStatus, long x, Instant start, String result,
            String direction, String type, int duration, String callerMasked) {

        static Call of(long tenantId, long x, Instant start) {
            return new Call(tenantId, null, "MATCHED", x, start, "ANSWERED", "A_TO_B", "VOICE", 30, "139****0001");
        }

        static Call unmatched(String status, long x, Instant start) {
            return new Call(null, null, status, x, start, "ANSWERED", "UNKNOWN", "VOICE", 30, "139****0009");
        }

        Call result(String value) {
            return new Call(tenantId, bindingId, matchStatus, x, start, value, direction, type, duration, callerMasked);
        }

        Call direction(String value) {
            return new Call(tenantId, bindingId, matchStatus, x, start, result, value, type, duration, callerMasked);
        }

        Call type(String value) {
            return new Call(tenantId, bindingId, matchStatus, x, start, result, direction, value, duration, callerMasked);
        }

        Call binding(long id) {
            return new Call(tenantId, id, matchStatus, x, start, result, direction, type, duration, callerMasked);
        }
    }

    long insert(Call c) {
        String callId = "t-" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet();
        jdbc.sql("""
                INSERT INTO call_record (call_id, tenant_id, binding_id, match_status, x, caller_cipher, caller_hash,
                    caller_masked, callee_cipher, callee_hash, callee_masked, call_type, direction, start_time,
                    answer_time, release_time, duration_seconds, release_cause, release_side, result, received_at,
                    ingest_id)
                VALUES (?, ?, ?, ?, ?, X'00', UNHEX(REPEAT('00', 32)), ?, X'00', UNHEX(REPEAT('00', 32)),
                    '138****0002', ?, ?, ?, ?, ?, ?, 16, 'CALLER', ?, ?, 0)""")
                .params(callId, c.tenantId(), c.bindingId(), c.matchStatus(), c.x(), c.callerMasked(), c.type(),
                        c.direction(), Timestamp.from(c.start()), Timestamp.from(c.start().plusSeconds(3)),
                        Timestamp.from(c.start().plusSeconds(3 + c.duration())), c.duration(), c.result(),
                        Timestamp.from(Instant.now()))
                .update();
        return jdbc.sql("SELECT id FROM call_record WHERE call_id = ?").param(callId).query(Long.class).single();
    }

    /**
     * {@code count} (at most 100,000) matched records of one tenant and X in a single statement, the newest starting at
     * {@code newest} and {@code perSecond} of them sharing each start time.
     */
    void bulk(long tenantId, long x, Instant newest, int count, int perSecond) {
        jdbc.sql("""
                INSERT INTO call_record (call_id, tenant_id, binding_id, match_status, x, caller_cipher, caller_hash,
                    caller_masked, callee_cipher, callee_hash, callee_masked, call_type, direction, start_time,
                    answer_time, release_time, duration_seconds, release_cause, release_side, result, received_at,
                    ingest_id)
                SELECT CONCAT(?, n), ?, NULL, 'MATCHED', ?, X'00', UNHEX(REPEAT('00', 32)), '139****1234', X'00',
                    UNHEX(REPEAT('00', 32)), '138****5678', 'VOICE', 'A_TO_B', DATE_SUB(?, INTERVAL (n DIV ?) SECOND),
                    NULL, NULL, n MOD 300, 16, 'CALLER', CASE WHEN n MOD 4 = 0 THEN 'NO_ANSWER' ELSE 'ANSWERED' END,
                    ?, 0
                FROM (""" + NUMBERS + ") numbers WHERE n < ?")
                .params("bulk-" + System.nanoTime() + "-", tenantId, x, Timestamp.from(newest), perSecond,
                        Timestamp.from(Instant.now()), count)
                .update();
    }
}
