package cn.np700.portal.numbers;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;
import java.util.Optional;

/** An audit entry for a number-resource change that no other module reacts to. */
record NumbersAudit(String action, String targetType, String targetId, TenantId tenantId, Map<String, Object> details,
        Optional<AuditActor> actor) implements AuditableEvent {

    static NumbersAudit of(String action, String targetType, String targetId, TenantId tenantId, Map<String, Object> details) {
        return new NumbersAudit(action, targetType, targetId, tenantId, details, Optional.empty());
    }

    NumbersAudit bySystem() {
        return new NumbersAudit(action, targetType, targetId, tenantId, details, Optional.of(AuditActor.SYSTEM));
    }
}
