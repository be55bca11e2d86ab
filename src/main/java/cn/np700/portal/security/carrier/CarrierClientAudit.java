package cn.np700.portal.security.carrier;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** A carrier client registered or revoked. */
record CarrierClientAudit(String action, long clientId, Map<String, Object> details) implements AuditableEvent {

    @Override
    public String targetType() {
        return "CARRIER_CLIENT";
    }

    @Override
    public String targetId() {
        return Long.toString(clientId);
    }

    @Override
    public TenantId tenantId() {
        return null;
    }
}
