package cn.np700.portal.calls;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * An upload's result file, one row per data line: line number, call id, outcome (accepted, unmatched, duplicate,
 * rejected) and the reason with its message, written as the lines are read. UTF-8 with a byte order mark, without
 * which Excel reads it in the local code page.
 */
final class CallRecordUploadResultCsv {

    private CallRecordUploadResultCsv() {
    }

    static void write(long uploadId, CallRecordUploads uploads, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CsvWriter csv = CsvWriter.builder().build(writer);
        csv.writeRecord("line", "callId", "outcome", "reason", "message");
        try {
            uploads.lines(uploadId, line -> csv.writeRecord(Integer.toString(line.lineNo()), text(line.callId()),
                    line.outcome().code(), text(line.reason()), text(line.message())));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
