package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** A tenant's profile changed; details hold each changed field's old and new value. */
public record TenantUpdated(TenantId tenantId, Map<String, Object> changes) implements AuditableEvent {

    @Override
    public String action() {
        return "TENANT_UPDATED";
    }

    @Override
    public String targetType() {
        return "TENANT";
    }

    @Override
    public String targetId() {
        return tenantId.toString();
    }

    @Override
    public Map<String, Object> details() {
        return changes;
    }
}
