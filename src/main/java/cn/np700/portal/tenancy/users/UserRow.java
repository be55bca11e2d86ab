package cn.np700.portal.tenancy.users;

import cn.np700.portal.tenancy.Role;
import java.time.Instant;

record UserRow(long id, String username, String displayName, Role role, boolean enabled, boolean locked,
        boolean mustChangePassword, Instant lastLoginAt, Instant createdAt) {
}
