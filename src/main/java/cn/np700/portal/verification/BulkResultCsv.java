package cn.np700.portal.verification;

import cn.np700.portal.web.DisplayTimes;
import cn.np700.portal.web.UserMessages;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A batch's result file in the reader's language: line, masked number, outcome, valid until, and why an invalid
 * line was not checked. UTF-8 with a byte order mark, without which Excel reads the Chinese as the local code page.
 */
final class BulkResultCsv {

    private BulkResultCsv() {
    }

    static void write(List<VerificationBatches.ResultLine> lines, OutputStream out, UserMessages messages,
            DisplayTimes times) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CsvWriter csv = CsvWriter.builder().build(writer);
        csv.writeRecord(messages.text("bulk.result.line"), messages.text("bulk.result.mobile"),
                messages.text("bulk.result.outcome"), messages.text("bulk.result.validUntil"),
                messages.text("bulk.result.message"));
        for (VerificationBatches.ResultLine line : lines) {
            csv.writeRecord(Integer.toString(line.lineNo()), line.mobileMasked() == null ? "" : line.mobileMasked(),
                    messages.text(line.outcome().labelKey()),
                    line.validUntil() == null ? "" : times.minutes(line.validUntil()),
                    line.messageKey() == null ? "" : messages.text(line.messageKey()));
        }
        csv.flush();
    }
}
