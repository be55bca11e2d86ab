package cn.np700.portal.calls.ingestion;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** An operator marked an unmatched call record as reviewed. */
record UnmatchedCallReviewed(long recordId) implements AuditableEvent {

    @Override
    public String action() {
        return "UNMATCHED_CALL_REVIEWED";
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
        return null;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }
}
