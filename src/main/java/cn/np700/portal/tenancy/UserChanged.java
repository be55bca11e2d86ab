package cn.np700.portal.tenancy;

import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/**
 * A user account changed: created, disabled, enabled, role changed, password changed or reset.
 * {@link #endsSessions()} tells the security module to sign the user out everywhere.
 */
public record UserChanged(Kind kind, long userId, Long tenantId, String username, Map<String, Object> details)
        implements AuditableEvent {

    public enum Kind {
        USER_CREATED, USER_DISABLED, USER_ENABLED, USER_ROLE_CHANGED, PASSWORD_CHANGED, PASSWORD_RESET
    }

    public boolean endsSessions() {
        return kind == Kind.USER_DISABLED || kind == Kind.USER_ROLE_CHANGED || kind == Kind.PASSWORD_RESET;
    }

    @Override
    public String action() {
        return kind.name();
    }

    @Override
    public String targetType() {
        return "USER";
    }

    @Override
    public String targetId() {
        return Long.toString(userId);
    }
}
