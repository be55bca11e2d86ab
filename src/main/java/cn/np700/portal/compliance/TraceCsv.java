package cn.np700.portal.compliance;

import cn.np700.portal.bindings.BindingHistory;
import cn.np700.portal.calls.CallHistory;
import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.web.DisplayTimes;
import java.io.IOException;
import java.io.Writer;

/** The trace as CSV: one section per part, each with its own header row; masked numbers only. */
final class TraceCsv {

    private TraceCsv() {
    }

    static void write(TraceReport report, DisplayTimes times, Writer out) throws IOException {
        out.write('\uFEFF');
        row(out, "section", "field", "value");
        row(out, "question", "number", UsageNumber.display(report.number()));
        row(out, "question", "at", times.seconds(report.at()));
        if (report.block() != null) {
            row(out, "block", "code", Long.toString(report.block().code()));
            row(out, "block", "grantRef", report.block().grantRef());
            row(out, "block", "grantDate", report.block().grantDate().toString());
            row(out, "block", "statusNow", report.block().status());
        }
        row(out, "holder", "tenant", report.tenantName() == null ? "" : report.tenantName());
        row(out, "holder", "since", times.seconds(report.heldSince()));
        out.write("\r\n");
        row(out, "binding", "id", "mode", "a", "b", "n", "orderRef", "createdBy", "createdIp", "createdAt", "expiresAt",
                "endedAt", "status");
        for (BindingHistory.Traced t : report.bindings()) {
            var b = t.binding();
            row(out, "binding", Long.toString(b.id()), b.mode().name(), b.aMasked(), nz(b.bMasked()), nz(b.nMasked()),
                    nz(b.orderRef()), b.createdBy(), nz(t.createdIp()), times.seconds(b.createdAt()),
                    times.seconds(b.expiresAt()), times.seconds(b.endedAt()), b.status().name());
        }
        out.write("\r\n");
        row(out, "call", "callId", "start", "caller", "callee", "type", "direction", "duration", "result", "bindingId");
        for (CallHistory.TracedCall c : report.calls()) {
            row(out, "call", c.callId(), times.seconds(c.start()), c.callerMasked(), nz(c.calleeMasked()), c.type(),
                    c.direction(), c.durationSeconds() == null ? "" : c.durationSeconds().toString(), c.result(),
                    c.bindingId() == null ? "" : c.bindingId().toString());
        }
        out.write("\r\n");
        row(out, "audit", "entry", "at", "actor", "action", "target", "clientIp", "details");
        for (AuditEntry e : report.audit()) {
            row(out, "audit", Long.toString(e.id()), times.seconds(e.occurredAt()), e.actor(), e.action(),
                    e.targetType() + ":" + e.targetId(), nz(e.clientIp()), e.details());
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static void row(Writer out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    /** Quotes as RFC 4180 does; a cell Excel would run as a formula gets a leading quote. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
