package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import java.util.Map;

public record TenantCreated(TenantId tenantId, String name, String creditCode, BusinessCategory category)
        implements TenantEvent {

    @Override
    public String action() {
        return "TENANT_CREATED";
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("name", name, "creditCode", creditCode, "category", category.name());
    }
}
