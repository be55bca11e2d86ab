package cn.np700.portal.calls.ingestion;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stored unmatched records of one tenant were linked to their bindings once those became known. */
record UnmatchedCallsRelinked(TenantId tenant, List<Long> recordIds) implements AuditableEvent {

    @Override
    public String action() {
        return "UNMATCHED_CALLS_RELINKED";
    }

    @Override
    public String targetType() {
        return "CALL_RECORD";
    }

    @Override
    public String targetId() {
        return Long.toString(recordIds.get(0));
    }

    @Override
    public TenantId tenantId() {
        return tenant;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("records", recordIds.size(), "recordIds", recordIds.subList(0, Math.min(50, recordIds.size())));
    }

    @Override
    public Optional<AuditActor> actor() {
        return Optional.of(AuditActor.SYSTEM);
    }
}
