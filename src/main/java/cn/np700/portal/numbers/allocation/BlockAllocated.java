package cn.np700.portal.numbers.allocation;

import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import java.util.Map;

/** A block and its 10,000 numbers now belong to a tenant, on a request. */
public record BlockAllocated(long code, TenantId tenantId, long requestId) implements AuditableEvent {

    @Override
    public String action() {
        return "BLOCK_ALLOCATED";
    }

    @Override
    public String targetType() {
        return "NUMBER_BLOCK";
    }

    @Override
    public String targetId() {
        return Long.toString(code);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("requestId", requestId);
    }
}
