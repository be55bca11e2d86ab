package cn.np700.portal.calls.upload;

import cn.np700.portal.web.SpreadsheetCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * An upload's result file, one row per data line: line number, call id, outcome (accepted, unmatched, duplicate,
 * rejected) and the reason with its message, written as the lines are read. The call id is the uploader's text, so
 * it goes through the one CSV writer that neutralises formula-looking cells.
 */
final class CallRecordUploadResultCsv {

    private CallRecordUploadResultCsv() {
    }

    static void write(long runId, CallRecordUploadRows rows, OutputStream out) throws IOException {
        SpreadsheetCsv csv = SpreadsheetCsv.to(out);
        csv.row("line", "callId", "outcome", "reason", "message");
        try {
            rows.lines(runId, line -> csv.row(Integer.toString(line.lineNo()), line.callId(),
                    line.outcome().code(), line.reason(), line.message()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }
}
