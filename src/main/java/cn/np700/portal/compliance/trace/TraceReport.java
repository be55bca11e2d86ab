package cn.np700.portal.compliance.trace;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.bindings.BindingHistory;
import cn.np700.portal.calls.CallHistory;
import cn.np700.portal.numbers.NumberDirectory;
import java.time.Instant;
import java.util.List;

/**
 * The answer to "who had this 700 number at that moment": the block and its grant, the enterprise holding it then,
 * the bindings live then, the calls around that moment, and the audit entries that touched them. Numbers masked. No
 * tenant when none held the number at that moment.
 */
public record TraceReport(long number, Instant at, NumberDirectory.GrantedBlock block, TenantId tenantId, String tenantName,
        Instant heldSince, List<BindingHistory.Traced> bindings, List<CallHistory.TracedCall> calls,
        List<AuditEntry> audit) {

    public boolean granted() {
        return block != null;
    }
}
