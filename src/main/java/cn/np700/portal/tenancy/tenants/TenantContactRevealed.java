package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.tenancy.TenantEvent;
import cn.np700.portal.scope.TenantId;
import java.util.Map;

/** An operator admin had a tenant's contact mobile shown in full; the entry keeps only the masked number. */
record TenantContactRevealed(TenantId tenantId, String maskedMobile) implements TenantEvent {

    @Override
    public String action() {
        return "TENANT_CONTACT_REVEALED";
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("field", "contactMobile", "mobile", maskedMobile);
    }
}
