package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

public record TenantCreated(TenantId tenantId, String name, String creditCode, BusinessCategory category)
        implements AuditableEvent {

    @Override
    public String action() {
        return "TENANT_CREATED";
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
        return Map.of("name", name, "creditCode", creditCode, "category", category.name());
    }
}
