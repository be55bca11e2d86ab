package cn.np700.portal.tenancy;

import java.time.Instant;

record UserRow(long id, String username, String displayName, Role role, boolean enabled, boolean locked,
        boolean mustChangePassword, Instant lastLoginAt, Instant createdAt) {
}
