package cn.np700.portal.tenancy;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import java.io.Serializable;

/**
 * The signed-in user as controllers see it. The tenant always comes from here, never from a form or URL.
 */
public record CurrentUser(long userId, String username, String displayName, Long tenantId, Role role)
        implements Serializable {

    public boolean is(Role candidate) {
        return role == candidate;
    }

    /**
     * Whose rows this user may see: an operator's session holds the platform scope, everyone else their tenant's.
     * A user of neither kind (no tenant, not an operator) holds nothing and fails loudly.
     */
    public Scope scope() {
        if (Role.OPERATOR_SIDE.contains(role)) {
            return Scope.operator(username);
        }
        return Scope.of(tenant());
    }

    /** The tenant of an enterprise user; fails loudly for an operator, who has none. */
    public TenantId tenant() {
        return TenantId.of(requireTenant());
    }

    /** The tenant of an enterprise user; fails loudly for an operator, who has none. */
    public long requireTenant() {
        if (tenantId == null) {
            throw new IllegalStateException(username + " belongs to no tenant");
        }
        return tenantId;
    }
}
