package cn.np700.portal.consent;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import java.util.Map;
import java.util.Optional;

/** A consent recorded or withdrawn: one audit entry; {@code by} only where no user is signed in (an import's run). */
record ConsentChanged(String action, long consentId, TenantId tenantId, Map<String, Object> details, AuditActor by)
        implements AuditableEvent {

    ConsentChanged(String action, long consentId, TenantId tenantId, Map<String, Object> details) {
        this(action, consentId, tenantId, details, null);
    }

    @Override
    public Optional<AuditActor> actor() {
        return Optional.ofNullable(by);
    }

    @Override
    public String targetType() {
        return "CONSENT";
    }

    @Override
    public String targetId() {
        return Long.toString(consentId);
    }
}
