package cn.np700.portal.tenancy.accounts;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.Role;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person who signs in; failed-login counters are changed by SQL in {@link LoginAccounts}, not through this aggregate.
 * An operator belongs to no tenant: tenantId is null for the platform's staff.
 */
@Table("user_account")
public record UserAccount(@Id Long id, TenantId tenantId, String username, String displayName, String passwordHash, Role role,
        boolean enabled, boolean mustChangePassword, int failedLogins, Instant lockedUntil, Instant lastLoginAt,
        Instant createdAt, Instant updatedAt, @Version Integer version) {

    public static UserAccount create(TenantId tenantId, String username, String displayName, String passwordHash, Role role,
            boolean mustChangePassword, Instant now) {
        return new UserAccount(null, tenantId, username, displayName, passwordHash, role, true, mustChangePassword, 0,
                null, null, now, now, null);
    }

    public UserAccount withPassword(String hash, boolean mustChange, Instant now) {
        return new UserAccount(id, tenantId, username, displayName, hash, role, enabled, mustChange, 0, null,
                lastLoginAt, createdAt, now, version);
    }

    public UserAccount withEnabled(boolean value, Instant now) {
        return new UserAccount(id, tenantId, username, displayName, passwordHash, role, value, mustChangePassword,
                failedLogins, lockedUntil, lastLoginAt, createdAt, now, version);
    }

    public UserAccount withRole(Role value, Instant now) {
        return new UserAccount(id, tenantId, username, displayName, passwordHash, value, enabled, mustChangePassword,
                failedLogins, lockedUntil, lastLoginAt, createdAt, now, version);
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
