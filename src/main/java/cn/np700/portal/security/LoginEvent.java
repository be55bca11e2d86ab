package cn.np700.portal.security;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;
import java.util.Optional;

/** A sign-in attempt for the audit trail; the actor is the account tried, since nobody is signed in yet. */
public record LoginEvent(String action, String username, Long userId, TenantId tenantId, Map<String, Object> details)
        implements AuditableEvent {

    @Override
    public String targetType() {
        return "USER";
    }

    @Override
    public String targetId() {
        return userId == null ? null : userId.toString();
    }

    @Override
    public Optional<AuditActor> actor() {
        String name = username == null || username.isBlank() ? "(blank)" : username.strip();
        // whatever was typed into the username field, cut to the column's width
        return Optional.of(new AuditActor(name.length() > 60 ? name.substring(0, 60) : name, userId, tenantId));
    }
}
