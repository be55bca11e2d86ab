package cn.np700.portal.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Operators' uploaded call record files, their progress and each line's result. */
@Component
class CallRecordUploads {

    private static final String SELECT = """
            SELECT id, file_name, total_rows, accepted, unmatched, duplicates, rejected, status, created_by, created_at,
                finished_at
            FROM call_upload""";

    private final JdbcClient jdbc;

    CallRecordUploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new RUNNING upload; call inside the transaction that audits it. */
    long insert(String fileName, int totalRows, String createdBy, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO call_upload (file_name, total_rows, status, created_by, created_at, updated_at)
                VALUES (?, ?, 'RUNNING', ?, ?, ?)""")
                .params(fileName, totalRows, createdBy, Timestamp.from(now), Timestamp.from(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<CallRecordUpload> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(CallRecordUploads::map).optional();
    }

    List<CallRecordUpload> recent(int limit) {
        return jdbc.sql(SELECT + " ORDER BY created_at DESC, id DESC LIMIT ?").param(limit)
                .query(CallRecordUploads::map).list();
    }

    /**
     * Stores finished lines with the counts so far, so progress and lines always agree. False, and nothing stored,
     * when the upload is no longer RUNNING (marked FAILED meanwhile): its job should stop. Call inside a transaction.
     */
    boolean saveProgress(long id, List<CallRecordUploadLine> lines, CallRecordUploadCounts counts,
            CallRecordUploadStatus status, Instant now) {
        int updated = jdbc.sql("""
                UPDATE call_upload SET done_rows = ?, accepted = ?, unmatched = ?, duplicates = ?, rejected = ?,
                    status = ?, updated_at = ?, finished_at = ?
                WHERE id = ? AND status = 'RUNNING'""")
                .params(counts.done(), counts.accepted(), counts.unmatched(), counts.duplicates(), counts.rejected(),
                        status.name(), Timestamp.from(now),
                        status == CallRecordUploadStatus.RUNNING ? null : Timestamp.from(now), id)
                .update();
        if (updated == 0) {
            return false;
        }
        if (!lines.isEmpty()) {
            List<Object> params = new ArrayList<>(lines.size() * 6);
            for (CallRecordUploadLine line : lines) {
                Collections.addAll(params, id, line.lineNo(), cut(line.callId(), 64), line.outcome().name(),
                        cut(line.reason(), 24), cut(line.message(), 200));
            }
            jdbc.sql("INSERT INTO call_upload_row (upload_id, line_no, call_id, outcome, reason, message) VALUES "
                            + String.join(", ", Collections.nCopies(lines.size(), "(?, ?, ?, ?, ?, ?)")))
                    .params(params).update();
        }
        return true;
    }

    /** Stops an upload where it is: its stored lines and counts stay as they were. */
    boolean markFailed(long id, Instant now) {
        return jdbc.sql("UPDATE call_upload SET status = 'FAILED', updated_at = ?, finished_at = ? "
                        + "WHERE id = ? AND status = 'RUNNING'")
                .params(Timestamp.from(now), Timestamp.from(now), id).update() > 0;
    }

    /** The running node's heartbeat for the uploads it holds, queued or running. */
    void touch(Collection<Long> ids, Instant now) {
        if (!ids.isEmpty()) {
            List<Object> params = new ArrayList<>();
            params.add(Timestamp.from(now));
            params.addAll(ids);
            jdbc.sql("UPDATE call_upload SET updated_at = ? WHERE status = 'RUNNING' AND id IN ("
                    + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")").params(params).update();
        }
    }

    /** Marks FAILED every RUNNING upload whose heartbeat stopped before {@code silentSince}; returns how many. */
    int failSilent(Instant silentSince, Instant now) {
        return jdbc.sql("UPDATE call_upload SET status = 'FAILED', finished_at = ? WHERE status = 'RUNNING' AND updated_at < ?")
                .params(Timestamp.from(now), Timestamp.from(silentSince)).update();
    }

    /** Each stored line of an upload in file order, handed over one at a time (a result file can be long). */
    void lines(long id, Consumer<CallRecordUploadLine> each) {
        jdbc.sql("SELECT line_no, call_id, outcome, reason, message FROM call_upload_row WHERE upload_id = ? ORDER BY line_no")
                .param(id)
                .query(rs -> {
                    each.accept(new CallRecordUploadLine(rs.getInt(1), rs.getString(2),
                            CallRecordUploadOutcome.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5)));
                });
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static CallRecordUpload map(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new CallRecordUpload(rs.getLong("id"), rs.getString("file_name"), rs.getInt("total_rows"),
                new CallRecordUploadCounts(rs.getInt("accepted"), rs.getInt("unmatched"), rs.getInt("duplicates"),
                        rs.getInt("rejected")),
                CallRecordUploadStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
    }
}
