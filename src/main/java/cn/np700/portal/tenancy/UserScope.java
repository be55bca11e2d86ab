package cn.np700.portal.tenancy;

import java.util.Set;

/**
 * Whose users a page manages: the platform's operator staff, or one tenant's own users.
 * Every look-up goes through the scope, so an id from another scope is not found.
 */
record UserScope(Long tenantId, Set<Role> roles, Role adminRole) {

    static UserScope operators() {
        return new UserScope(null, Role.OPERATOR_SIDE, Role.OPERATOR_ADMIN);
    }

    static UserScope tenant(long tenantId) {
        return new UserScope(tenantId, Role.ENTERPRISE_SIDE, Role.ENTERPRISE_ADMIN);
    }
}
