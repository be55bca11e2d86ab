package cn.np700.portal.tenancy.users;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.web.SqlWhere;
import java.util.Optional;
import java.util.Set;

/**
 * Whose users a page manages: the platform's operator staff (who belong to no tenant), or one tenant's own users.
 * Every look-up goes through the scope, so an id from another scope is not found.
 */
public record UserScope(Optional<TenantId> tenant, Set<Role> roles, Role adminRole) {

    static UserScope operators() {
        return new UserScope(Optional.empty(), Role.OPERATOR_SIDE, Role.OPERATOR_ADMIN);
    }

    public static UserScope of(TenantId tenant) {
        return new UserScope(Optional.of(tenant), Role.ENTERPRISE_SIDE, Role.ENTERPRISE_ADMIN);
    }

    boolean forOperators() {
        return tenant.isEmpty();
    }

    /** Confines user_account rows to this scope: the tenant's, or those of no tenant (the operators'). */
    SqlWhere where() {
        return tenant.map(t -> new SqlWhere().and("tenant_id = ?", t)).orElseGet(() -> new SqlWhere().and("tenant_id IS NULL"));
    }
}
