package cn.np700.portal.consent;

import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import java.util.Map;

/** A consent recorded or withdrawn: one audit entry. */
record ConsentChanged(String action, long consentId, TenantId tenantId, Map<String, Object> details)
        implements AuditableEvent {

    @Override
    public String targetType() {
        return "CONSENT";
    }

    @Override
    public String targetId() {
        return Long.toString(consentId);
    }
}
