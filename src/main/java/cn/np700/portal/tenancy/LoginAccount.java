package cn.np700.portal.tenancy;

import java.time.Instant;

/** What signing in needs to know about an account and its tenant. */
public record LoginAccount(long userId, String username, String displayName, String passwordHash, Role role,
        Long tenantId, TenantStatus tenantStatus, boolean enabled, Instant lockedUntil, boolean mustChangePassword) {

    public boolean tenantActive() {
        return tenantStatus == null || tenantStatus == TenantStatus.ACTIVE;
    }

    public CurrentUser toCurrentUser() {
        return new CurrentUser(userId, username, displayName, tenantId, role);
    }
}
