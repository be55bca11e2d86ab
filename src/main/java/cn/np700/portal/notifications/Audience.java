package cn.np700.portal.notifications;

import cn.np700.portal.tenancy.Role;
import java.util.EnumSet;
import java.util.Set;

/** Who a notification is for: a tenant's users in some roles, or (tenant null) the platform's operators in some roles. */
record Audience(Long tenantId, Set<Role> roles) {

    /** Operators who act on requests, complaints and alerts; auditors only read, so they are not interrupted. */
    static Audience operators() {
        return new Audience(null, EnumSet.of(Role.OPERATOR_ADMIN, Role.OPERATOR_REVIEWER));
    }

    static Audience tenantAdmins(long tenantId) {
        return new Audience(tenantId, EnumSet.of(Role.ENTERPRISE_ADMIN));
    }

    /** A suspended number stops the agents' bindings too, so they are told as well. */
    static Audience tenantStaff(long tenantId) {
        return new Audience(tenantId, EnumSet.of(Role.ENTERPRISE_ADMIN, Role.ENTERPRISE_AGENT));
    }
}
