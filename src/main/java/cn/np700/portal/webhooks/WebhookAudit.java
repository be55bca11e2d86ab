package cn.np700.portal.webhooks;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import java.util.Map;
import java.util.Optional;

/** An audited change to a webhook endpoint or its deliveries; the secret never appears in it. */
record WebhookAudit(String action, String targetId, TenantId tenantId, Map<String, Object> details,
        Optional<AuditActor> actor) implements AuditableEvent {

    static WebhookAudit of(String action, long endpointId, TenantId tenant, Map<String, Object> details) {
        return new WebhookAudit(action, Long.toString(endpointId), tenant, details, Optional.empty());
    }

    WebhookAudit bySystem() {
        return new WebhookAudit(action, targetId, tenantId, details, Optional.of(AuditActor.SYSTEM));
    }

    @Override
    public String targetType() {
        return "WEBHOOK_ENDPOINT";
    }
}
