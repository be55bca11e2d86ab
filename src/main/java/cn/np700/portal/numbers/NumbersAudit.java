package cn.np700.portal.numbers;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import java.util.Map;
import java.util.Optional;

/** An audit entry for a number-resource change that no other module reacts to. */
public record NumbersAudit(String action, String targetType, String targetId, TenantId tenantId, Map<String, Object> details,
        Optional<AuditActor> actor) implements AuditableEvent {

    public static NumbersAudit of(String action, String targetType, String targetId, TenantId tenantId, Map<String, Object> details) {
        return new NumbersAudit(action, targetType, targetId, tenantId, details, Optional.empty());
    }

    public NumbersAudit bySystem() {
        return new NumbersAudit(action, targetType, targetId, tenantId, details, Optional.of(AuditActor.SYSTEM));
    }
}
