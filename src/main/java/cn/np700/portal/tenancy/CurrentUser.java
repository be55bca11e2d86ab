package cn.np700.portal.tenancy;

import java.io.Serializable;

/**
 * The signed-in user as controllers see it. The tenant always comes from here, never from a form or URL.
 */
public record CurrentUser(long userId, String username, String displayName, Long tenantId, Role role)
        implements Serializable {

    public boolean is(Role candidate) {
        return role == candidate;
    }

    /** The tenant of an enterprise user; fails loudly for an operator, who has none. */
    public long requireTenant() {
        if (tenantId == null) {
            throw new IllegalStateException(username + " belongs to no tenant");
        }
        return tenantId;
    }
}
