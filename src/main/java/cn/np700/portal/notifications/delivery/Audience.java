package cn.np700.portal.notifications.delivery;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.Role;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Who a notification is for: a tenant's users in some roles, or the platform's operators in some roles. */
public sealed interface Audience permits Audience.TenantUsers, Audience.Operators {

    Set<Role> roles();

    /** The tenant whose users these are; empty for the operators, whose notifications belong to no tenant. */
    Optional<TenantId> tenant();

    record TenantUsers(TenantId tenantId, Set<Role> roles) implements Audience {

        @Override
        public Optional<TenantId> tenant() {
            return Optional.of(tenantId);
        }
    }

    record Operators(Set<Role> roles) implements Audience {

        @Override
        public Optional<TenantId> tenant() {
            return Optional.empty();
        }
    }

    /** Operators who act on requests, complaints and alerts; auditors only read, so they are not interrupted. */
    static Audience operators() {
        return new Operators(EnumSet.of(Role.OPERATOR_ADMIN, Role.OPERATOR_REVIEWER));
    }

    static Audience tenantAdmins(TenantId tenant) {
        return new TenantUsers(tenant, EnumSet.of(Role.ENTERPRISE_ADMIN));
    }

    /** A suspended number stops the agents' bindings too, so they are told as well. */
    static Audience tenantStaff(TenantId tenant) {
        return new TenantUsers(tenant, EnumSet.of(Role.ENTERPRISE_ADMIN, Role.ENTERPRISE_AGENT));
    }
}
