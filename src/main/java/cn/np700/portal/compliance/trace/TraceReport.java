package cn.np700.portal.compliance.trace;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.bindings.BindingHistory;
import cn.np700.portal.calls.CallHistory;
import cn.np700.portal.consent.Consent;
import cn.np700.portal.numbers.NumberDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to "who had this 700 number at that moment": the block and its grant, the enterprise holding it then,
 * the bindings live then with their parties' consents then, the calls around that moment, and the audit entries that
 * touched them. Numbers masked. No
 * tenant when none held the number at that moment.
 */
public record TraceReport(long number, Instant at, NumberDirectory.GrantedBlock block, TenantId tenantId, String tenantName,
        Instant heldSince, List<BindingHistory.Traced> bindings, List<CallHistory.TracedCall> calls,
        List<AuditEntry> audit, Map<String, Consent> consents) {

    public boolean granted() {
        return block != null;
    }

    /** The consent of a binding's party ({@code a}, {@code b}) in force at the moment asked about; null for none. */
    public Consent consent(long bindingId, String party) {
        return consents.get(bindingId + ":" + party);
    }
}
