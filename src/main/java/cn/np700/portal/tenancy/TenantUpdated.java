package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import java.util.Map;

/** A tenant's profile changed; details hold each changed field's old and new value. */
public record TenantUpdated(TenantId tenantId, Map<String, Object> changes) implements TenantEvent {

    @Override
    public String action() {
        return "TENANT_UPDATED";
    }

    @Override
    public Map<String, Object> details() {
        return changes;
    }
}
