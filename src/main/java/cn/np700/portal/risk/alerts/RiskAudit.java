package cn.np700.portal.risk.alerts;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;
import java.util.Optional;

/** An audit entry for a risk change: a rule edited, an alert raised or handled. */
public record RiskAudit(String action, String targetType, String targetId, TenantId tenantId, Map<String, Object> details,
        Optional<AuditActor> actor) implements AuditableEvent {

    public static RiskAudit of(String action, String targetType, String targetId, TenantId tenantId, Map<String, Object> details) {
        return new RiskAudit(action, targetType, targetId, tenantId, details, Optional.empty());
    }

    RiskAudit bySystem() {
        return new RiskAudit(action, targetType, targetId, tenantId, details, Optional.of(AuditActor.SYSTEM));
    }
}
