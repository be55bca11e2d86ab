package cn.np700.portal.compliance;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The compliance report as CSV: UTF-8 with a BOM, a header row, one row per tenant. */
final class ComplianceReportCsv {

    private ComplianceReportCsv() {
    }

    static void write(ComplianceMonth month, List<ComplianceReportRow> rows, Writer out) throws IOException {
        out.write('\uFEFF');
        line(out, "month", "tenantId", "tenant", "numbersHeld", "numbersEverBound", "utilisation", "blocksHeld",
                "bindingsCreated", "calls", "answered", "answerRate", "complaints", "alerts", "alertsActed");
        for (ComplianceReportRow r : rows) {
            line(out, month.value(), Long.toString(r.tenantId()), r.tenantName(), Long.toString(r.numbersHeld()),
                    Long.toString(r.numbersEverBound()), r.utilisation(), Long.toString(r.blocksHeld()),
                    Long.toString(r.bindingsCreated()), Long.toString(r.calls()), Long.toString(r.answered()),
                    r.answerRate(), Long.toString(r.complaints()), Long.toString(r.alerts()),
                    Long.toString(r.alertsActed()));
        }
    }

    private static void line(Writer out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(TraceCsv.cell(cells[i]));
        }
        out.write("\r\n");
    }
}
