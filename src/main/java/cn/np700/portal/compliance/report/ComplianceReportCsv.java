package cn.np700.portal.compliance.report;

import cn.np700.portal.web.SpreadsheetCsv;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The compliance report as CSV: a header row, one row per tenant, through the portal's one CSV writer. */
final class ComplianceReportCsv {

    private ComplianceReportCsv() {
    }

    static void write(ComplianceMonth month, List<ComplianceReportRow> rows, Writer out) throws IOException {
        SpreadsheetCsv csv = SpreadsheetCsv.to(out);
        csv.row("month", "tenantId", "tenant", "numbersHeld", "numbersEverBound", "utilisation", "blocksHeld",
                "bindingsCreated", "calls", "answered", "answerRate", "complaints", "alerts", "alertsActed",
                "consentsRecorded", "consentsWithdrawn", "consentsInForce");
        for (ComplianceReportRow r : rows) {
            csv.row(month.value(), r.tenantId().toString(), r.tenantName(), Long.toString(r.numbersHeld()),
                    Long.toString(r.numbersEverBound()), r.utilisation(), Long.toString(r.blocksHeld()),
                    Long.toString(r.bindingsCreated()), Long.toString(r.calls()), Long.toString(r.answered()),
                    r.answerRate(), Long.toString(r.complaints()), Long.toString(r.alerts()),
                    Long.toString(r.alertsActed()), Long.toString(r.consentsRecorded()),
                    Long.toString(r.consentsWithdrawn()), Long.toString(r.consentsInForce()));
        }
        csv.flush();
    }
}
