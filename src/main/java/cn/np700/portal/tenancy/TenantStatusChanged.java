package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import java.util.HashMap;
import java.util.Map;

/** Suspension, reactivation or termination; other modules (sessions, API keys, routing) react to it. */
public record TenantStatusChanged(TenantId tenantId, TenantStatus from, TenantStatus to, String reason)
        implements TenantEvent {

    @Override
    public String action() {
        return switch (to) {
            case ACTIVE -> "TENANT_REACTIVATED";
            case SUSPENDED -> "TENANT_SUSPENDED";
            case TERMINATED -> "TENANT_TERMINATED";
        };
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new HashMap<>();
        details.put("from", from.name());
        details.put("to", to.name());
        if (reason != null) {
            details.put("reason", reason);
        }
        return details;
    }
}
