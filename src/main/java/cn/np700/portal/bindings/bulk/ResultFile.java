package cn.np700.portal.bindings.bulk;

import cn.np700.portal.web.SpreadsheetCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A bulk run's result file, one row per data line of the uploaded file in its order: the same columns for the portal
 * and the API (machine-readable names), the message in the reader's language (English for the API).
 */
final class ResultFile {

    static final List<String> COLUMNS = List.of("line", "outcome", "bindingId", "x", "detail", "code", "field", "message");

    private ResultFile() {
    }

    static String fileName(long runId) {
        return "binding-run-" + runId + "-result.csv";
    }

    static void write(List<LineResult> lines, OutputStream out, MessageSource messages, Locale locale) throws IOException {
        SpreadsheetCsv csv = SpreadsheetCsv.to(out);
        csv.row(COLUMNS.toArray(String[]::new));
        for (LineResult line : lines) {
            csv.row(Integer.toString(line.lineNo()), line.ok() ? "ok" : "refused", text(line.bindingId()), text(line.x()),
                    text(line.detail()), text(line.code()), text(line.field()),
                    line.messageKey() == null ? "" : messages.getMessage(line.messageKey(), line.args().toArray(), locale));
        }
        csv.flush();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
