package cn.np700.portal.compliance.trace;

import cn.np700.portal.bindings.BindingHistory;
import cn.np700.portal.calls.CallHistory;
import cn.np700.portal.consent.Consent;
import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.web.DisplayTimes;
import cn.np700.portal.web.SpreadsheetCsv;
import java.io.IOException;
import java.io.Writer;

/** The trace as CSV: one section per part, each with its own header row; masked numbers only. */
final class TraceCsv {

    private TraceCsv() {
    }

    static void write(TraceReport report, DisplayTimes times, Writer out) throws IOException {
        SpreadsheetCsv csv = SpreadsheetCsv.to(out);
        csv.row("section", "field", "value");
        csv.row("question", "number", UsageNumber.display(report.number()));
        csv.row("question", "at", times.seconds(report.at()));
        if (report.block() != null) {
            csv.row("block", "code", Long.toString(report.block().code()));
            csv.row("block", "grantRef", report.block().grantRef());
            csv.row("block", "grantDate", report.block().grantDate().toString());
            csv.row("block", "statusNow", report.block().status());
        }
        csv.row("holder", "tenant", report.tenantName() == null ? "" : report.tenantName());
        csv.row("holder", "since", times.seconds(report.heldSince()));
        csv.blankLine();
        csv.row("binding", "id", "mode", "a", "b", "n", "orderRef", "createdBy", "createdIp", "createdAt", "expiresAt",
                "endedAt", "status");
        for (BindingHistory.Traced t : report.bindings()) {
            var b = t.binding();
            csv.row("binding", Long.toString(b.id()), b.mode().name(), b.aMasked(), nz(b.bMasked()), nz(b.nMasked()),
                    nz(b.orderRef()), b.createdBy(), nz(t.createdIp()), times.seconds(b.createdAt()),
                    times.seconds(b.expiresAt()), times.seconds(b.endedAt()), b.status().name());
        }
        csv.blankLine();
        csv.row("consent", "bindingId", "party", "consentId", "channel", "evidence", "grantedAt", "withdrawnAt");
        for (BindingHistory.Traced t : report.bindings()) {
            for (String party : new String[] {"a", "b"}) {
                Consent c = report.consent(t.binding().id(), party);
                if (c != null) {
                    csv.row("consent", Long.toString(t.binding().id()), party, Long.toString(c.id()), c.channel().name(),
                            nz(c.evidence()), times.seconds(c.grantedAt()), times.seconds(c.withdrawnAt()));
                }
            }
        }
        csv.blankLine();
        csv.row("call", "callId", "start", "caller", "callee", "type", "direction", "duration", "result", "bindingId");
        for (CallHistory.TracedCall c : report.calls()) {
            csv.row("call", c.callId(), times.seconds(c.start()), c.callerMasked(), nz(c.calleeMasked()), c.type(),
                    c.direction(), c.durationSeconds() == null ? "" : c.durationSeconds().toString(), c.result(),
                    c.bindingId() == null ? "" : c.bindingId().toString());
        }
        csv.blankLine();
        csv.row("audit", "entry", "at", "actor", "action", "target", "clientIp", "details");
        for (AuditEntry e : report.audit()) {
            csv.row("audit", Long.toString(e.id()), times.seconds(e.occurredAt()), e.actor(), e.action(),
                    e.targetType() + ":" + e.targetId(), nz(e.clientIp()), e.details());
        }
        csv.flush();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
