package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/**
 * A user account changed: created, disabled, enabled, role changed, password changed or reset.
 * {@link #endsSessions()} tells the security module to sign the user out everywhere (on a change of their own
 * password, everywhere but the session that made it: whoever else held the old password is out).
 */
public record UserChanged(Kind kind, long userId, TenantId tenantId, String username, Map<String, Object> details)
        implements AuditableEvent {

    public enum Kind {
        USER_CREATED, USER_DISABLED, USER_ENABLED, USER_ROLE_CHANGED, PASSWORD_CHANGED, PASSWORD_RESET
    }

    /** Every change of a credential or of what the user may do ends the user's sessions. */
    public boolean endsSessions() {
        return kind == Kind.USER_DISABLED || kind == Kind.USER_ROLE_CHANGED || kind == Kind.PASSWORD_RESET
                || kind == Kind.PASSWORD_CHANGED;
    }

    /** The user changed it themselves, in the session they are using: that one session stays signed in. */
    public boolean keepsCurrentSession() {
        return kind == Kind.PASSWORD_CHANGED;
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
