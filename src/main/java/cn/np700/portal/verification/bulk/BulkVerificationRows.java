package cn.np700.portal.verification.bulk;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The lines of bulk verifications, one per (run, line): what became of each, and the result file built from them. */
@Component
class BulkVerificationRows {

    private final JdbcClient jdbc;

    BulkVerificationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inside the step that checked the line; a line stored before fails on the key rather than being kept twice. */
    void insert(long runId, BatchRow row) {
        jdbc.sql("""
                INSERT INTO verification_batch_row (run_id, line_no, verification_id, outcome, message_key, mobile_masked)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(runId, row.lineNo(), row.verificationId(), row.outcome().name(), row.messageKey(),
                        row.mobileMasked())
                .update();
    }

    /** The result file's lines, in file order, with how long each VERIFIED result stays valid. */
    List<ResultLine> resultLines(long runId) {
        return jdbc.sql("""
                SELECT r.line_no, r.mobile_masked, r.outcome, r.message_key, v.valid_until
                FROM verification_batch_row r LEFT JOIN verification_record v ON v.id = r.verification_id
                WHERE r.run_id = ? ORDER BY r.line_no""")
                .param(runId)
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
}
