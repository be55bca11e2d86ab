package cn.np700.portal.tenancy;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import java.io.Serializable;

/**
 * The signed-in user as controllers see it. The tenant always comes from here, never from a form or URL: the scope
 * is fixed at sign-in from the account's role and tenant, and an operator-side role holds the platform scope only.
 */
public record CurrentUser(long userId, String username, String displayName, Scope scope, Role role)
        implements Serializable {

    public CurrentUser {
        if (Role.OPERATOR_SIDE.contains(role) != (scope instanceof Scope.Platform)) {
            throw new IllegalArgumentException(username + " as " + role + " cannot hold " + scope);
        }
    }

    /**
     * The user of an account: an operator-side role holds the platform scope, everyone else their tenant's. An
     * enterprise role without a tenant holds nothing and fails loudly.
     */
    public static CurrentUser of(long userId, String username, String displayName, TenantId tenant, Role role) {
        if (Role.OPERATOR_SIDE.contains(role)) {
            return new CurrentUser(userId, username, displayName, Scope.operator(username), role);
        }
        if (tenant == null) {
            throw new IllegalStateException(username + " belongs to no tenant");
        }
        return new CurrentUser(userId, username, displayName, Scope.of(tenant), role);
    }

    /** This user as the audit trail names an actor. */
    public AuditActor asActor() {
        return new AuditActor(username, userId, scope.tenant().orElse(null));
    }

    public boolean is(Role candidate) {
        return role == candidate;
    }

    /** The tenant of an enterprise user; fails loudly for an operator, who has none. */
    public TenantId tenant() {
        return scope.tenant().orElseThrow(() -> new IllegalStateException(username + " belongs to no tenant"));
    }
}
