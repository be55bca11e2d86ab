package cn.np700.portal.security.apikeys;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** An API key created or revoked. */
record ApiKeyAudit(String action, long keyId, TenantId tenantId, Map<String, Object> details) implements AuditableEvent {

    @Override
    public String targetType() {
        return "API_KEY";
    }

    @Override
    public String targetId() {
        return Long.toString(keyId);
    }
}
