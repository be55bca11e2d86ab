package cn.np700.portal.security.twofactor;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import java.util.Map;
import java.util.Optional;

/**
 * A user's authenticator enrolled or reset, or a recovery code spent. While the second step is pending nobody is signed
 * in yet, so the actor is then named explicitly.
 */
record TwoFactorAudit(String action, long userId, TenantId tenantId, Map<String, Object> details, AuditActor named)
        implements AuditableEvent {

    static TwoFactorAudit bySelf(String action, CurrentUser user, Map<String, Object> details) {
        return new TwoFactorAudit(action, user.userId(), user.scope().tenant().orElse(null), details,
                user.asActor());
    }

    @Override
    public String targetType() {
        return "USER";
    }

    @Override
    public String targetId() {
        return Long.toString(userId);
    }

    @Override
    public Optional<AuditActor> actor() {
        return Optional.ofNullable(named);
    }
}
