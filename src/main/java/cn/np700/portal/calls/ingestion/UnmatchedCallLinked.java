package cn.np700.portal.calls.ingestion;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditableEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** An operator linked an unmatched call record to a binding on its X, saying why. */
record UnmatchedCallLinked(long recordId, long bindingId, TenantId tenant, String wasStatus, boolean partiesMatch,
        String reason) implements AuditableEvent {

    @Override
    public String action() {
        return "UNMATCHED_CALL_LINKED";
    }

    @Override
    public String targetType() {
        return "CALL_RECORD";
    }

    @Override
    public String targetId() {
        return Long.toString(recordId);
    }

    @Override
    public TenantId tenantId() {
        return tenant;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bindingId", bindingId);
        details.put("was", wasStatus);
        details.put("partiesMatch", partiesMatch);
        details.put("reason", reason);
        return details;
    }
}
