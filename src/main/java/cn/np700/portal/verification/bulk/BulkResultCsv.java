package cn.np700.portal.verification.bulk;

import cn.np700.portal.web.DisplayTimes;
import cn.np700.portal.web.UserMessages;
import cn.np700.portal.web.SpreadsheetCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A batch's result file in the reader's language: line, masked number, outcome, valid until, and why an invalid
 * line was not checked, through the portal's one CSV writer.
 */
final class BulkResultCsv {

    private BulkResultCsv() {
    }

    static void write(List<BulkVerificationRows.ResultLine> lines, OutputStream out, UserMessages messages,
            DisplayTimes times) throws IOException {
        SpreadsheetCsv csv = SpreadsheetCsv.to(out);
        csv.row(messages.text("bulk.result.line"), messages.text("bulk.result.mobile"),
                messages.text("bulk.result.outcome"), messages.text("bulk.result.validUntil"),
                messages.text("bulk.result.message"));
        for (BulkVerificationRows.ResultLine line : lines) {
            csv.row(Integer.toString(line.lineNo()), line.mobileMasked() == null ? "" : line.mobileMasked(),
                    messages.text(line.outcome().labelKey()),
                    line.validUntil() == null ? "" : times.minutes(line.validUntil()),
                    line.messageKey() == null ? "" : messages.text(line.messageKey()));
        }
        csv.flush();
    }
}
