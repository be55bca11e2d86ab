package cn.np700.portal.calls.upload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What became of each line of an uploaded file, keyed by its run and line number: a step that stored a line's result
 * once cannot store it again (the key refuses it and the step rolls back), so the result file has every line once.
 */
@Component
class CallRecordUploadRows {

    private final JdbcClient jdbc;

    CallRecordUploadRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the lines' results; call inside the step's transaction. */
    void insert(long runId, List<CallRecordUploadLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(lines.size() * 6);
        for (CallRecordUploadLine line : lines) {
            Collections.addAll(params, runId, line.lineNo(), cut(line.callId(), 64), line.outcome().name(),
                    cut(line.reason(), 24), cut(line.message(), 200));
        }
        jdbc.sql("INSERT INTO call_upload_row (run_id, line_no, call_id, outcome, reason, message) VALUES "
                        + String.join(", ", Collections.nCopies(lines.size(), "(?, ?, ?, ?, ?, ?)")))
                .params(params).update();
    }

    /** Each stored line of an upload in file order, handed over one at a time (a result file can be long). */
    void lines(long runId, Consumer<CallRecordUploadLine> each) {
        jdbc.sql("SELECT line_no, call_id, outcome, reason, message FROM call_upload_row WHERE run_id = ? ORDER BY line_no")
                .param(runId)
                .query(rs -> {
                    each.accept(new CallRecordUploadLine(rs.getInt(1), rs.getString(2),
                            CallRecordUploadOutcome.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5)));
                });
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
