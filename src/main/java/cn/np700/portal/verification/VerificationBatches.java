package cn.np700.portal.verification;

import cn.np700.portal.database.TransientFailureRetry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Bulk verifications and their lines; every read a page can reach takes the tenant. */
@Component
class VerificationBatches {

    private static final String SELECT = """
            SELECT id, file_name, total_rows, done_rows, verified_count, mismatch_count, unregistered_count, error_count,
                invalid_count, status, created_by, created_at, finished_at
            FROM verification_batch""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;

    VerificationBatches(JdbcClient jdbc, TransactionTemplate tx, TransientFailureRetry retry) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.retry = retry;
    }

    /** A new RUNNING batch; call inside the transaction that audits it. */
    long insert(long tenantId, String fileName, int totalRows, String createdBy, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO verification_batch (tenant_id, file_name, total_rows, status, running_slot, created_by,
                    created_at, updated_at)
                VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?)""")
                .params(tenantId, fileName, totalRows, tenantId, createdBy, Timestamp.from(now), Timestamp.from(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<VerificationBatch> find(long tenantId, long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND tenant_id = ?").params(id, tenantId)
                .query(VerificationBatches::map).optional();
    }

    List<VerificationBatch> recent(long tenantId, int limit) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT ?").params(tenantId, limit)
                .query(VerificationBatches::map).list();
    }

    /**
     * Stores finished lines with the counts so far in one transaction, so progress and rows always agree. False, and
     * nothing stored, when the batch is no longer RUNNING (marked FAILED meanwhile): its job should stop.
     */
    boolean saveProgress(long batchId, List<BatchRow> rows, BatchCounts counts, Instant now, BatchStatus status) {
        return Boolean.TRUE.equals(retry.inTransaction(tx, s -> {
            int updated = jdbc.sql("""
                    UPDATE verification_batch SET done_rows = ?, verified_count = ?, mismatch_count = ?,
                        unregistered_count = ?, error_count = ?, invalid_count = ?, status = ?, updated_at = ?,
                        finished_at = ?, running_slot = CASE WHEN ? = 'RUNNING' THEN running_slot END
                    WHERE id = ? AND status = 'RUNNING'""")
                    .params(counts.done(), counts.verified(), counts.mismatch(), counts.unregistered(), counts.error(),
                            counts.invalid(), status.name(), Timestamp.from(now),
                            status == BatchStatus.RUNNING ? null : Timestamp.from(now), status.name(), batchId)
                    .update();
            if (updated == 0) {
                return false;
            }
            insertRows(batchId, rows);
            return true;
        }));
    }

    private void insertRows(long batchId, List<BatchRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        for (BatchRow row : rows) {
            Collections.addAll(params, batchId, row.lineNo(), row.verificationId(), row.outcome().name(), row.messageKey(),
                    row.mobileMasked());
        }
        jdbc.sql("INSERT INTO verification_batch_row (batch_id, line_no, verification_id, outcome, message_key, "
                        + "mobile_masked) VALUES " + String.join(", ", Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?, ?)")))
                .params(params).update();
    }

    /** Stops a batch where it is: its stored lines and counts stay as they were. */
    void markFailed(long batchId, Instant now) {
        jdbc.sql("UPDATE verification_batch SET status = 'FAILED', running_slot = NULL, updated_at = ?, finished_at = ? "
                        + "WHERE id = ? AND status = 'RUNNING'")
                .params(Timestamp.from(now), Timestamp.from(now), batchId).update();
    }

    /** The running node's heartbeat for the batches it holds, queued or running. */
    void touch(Collection<Long> batchIds, Instant now) {
        if (!batchIds.isEmpty()) {
            jdbc.sql("UPDATE verification_batch SET updated_at = ? WHERE status = 'RUNNING' AND id IN ("
                            + String.join(", ", Collections.nCopies(batchIds.size(), "?")) + ")")
                    .params(prepend(Timestamp.from(now), batchIds)).update();
        }
    }

    /** Marks FAILED every RUNNING batch whose heartbeat stopped before {@code silentSince}; returns how many. */
    int failSilent(Instant silentSince, Instant now) {
        return jdbc.sql("UPDATE verification_batch SET status = 'FAILED', running_slot = NULL, finished_at = ? "
                        + "WHERE status = 'RUNNING' AND updated_at < ?")
                .params(Timestamp.from(now), Timestamp.from(silentSince)).update();
    }

    /** The result file's lines, in file order, with how long each VERIFIED result stays valid. */
    List<ResultLine> resultLines(long batchId) {
        return jdbc.sql("""
                SELECT r.line_no, r.mobile_masked, r.outcome, r.message_key, v.valid_until
                FROM verification_batch_row r LEFT JOIN verification_record v ON v.id = r.verification_id
                WHERE r.batch_id = ? ORDER BY r.line_no""")
                .param(batchId)
                .query((rs, n) -> {
                    Timestamp valid = rs.getTimestamp("valid_until");
                    return new ResultLine(rs.getInt("line_no"), rs.getString("mobile_masked"),
                            BulkRowOutcome.valueOf(rs.getString("outcome")), valid == null ? null : valid.toInstant(),
                            rs.getString("message_key"));
                })
                .list();
    }

    record ResultLine(int lineNo, String mobileMasked, BulkRowOutcome outcome, Instant validUntil, String messageKey) {
    }

    private static List<Object> prepend(Object first, Collection<Long> rest) {
        List<Object> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static VerificationBatch map(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new VerificationBatch(rs.getLong("id"), rs.getString("file_name"), rs.getInt("total_rows"),
                rs.getInt("done_rows"), new BatchCounts(rs.getInt("verified_count"), rs.getInt("mismatch_count"),
                        rs.getInt("unregistered_count"), rs.getInt("error_count"), rs.getInt("invalid_count")),
                BatchStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
    }
}
