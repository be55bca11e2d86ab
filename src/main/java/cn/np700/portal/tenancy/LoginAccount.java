package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/** What signing in needs to know about an account and its tenant; an operator's has no tenant (tenantId null). */
public record LoginAccount(long userId, String username, String displayName, String passwordHash, Role role,
        TenantId tenantId, TenantStatus tenantStatus, boolean enabled, Instant lockedUntil, boolean mustChangePassword) {

    public boolean tenantActive() {
        return tenantStatus == null || tenantStatus == TenantStatus.ACTIVE;
    }

    public CurrentUser toCurrentUser() {
        return CurrentUser.of(userId, username, displayName, tenantId, role);
    }
}
