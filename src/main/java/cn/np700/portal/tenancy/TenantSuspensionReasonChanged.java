package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.suspension.SuspensionSource;
import java.util.LinkedHashMap;
import java.util.Map;

/** A reason added to an already suspended tenant, or lifted while another still holds it: the status does not move. */
record TenantSuspensionReasonChanged(TenantId tenantId, boolean added, String why, SuspensionSource source, long reasonId)
        implements TenantEvent {

    @Override
    public String action() {
        return added ? "TENANT_SUSPENSION_ADDED" : "TENANT_SUSPENSION_LIFTED";
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", why);
        details.put("source", source.name());
        details.put("reasonId", reasonId);
        return details;
    }
}
