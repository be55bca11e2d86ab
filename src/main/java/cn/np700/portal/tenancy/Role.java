package cn.np700.portal.tenancy;

import java.util.EnumSet;
import java.util.Set;

/** The five roles of the portal; operator roles belong to no tenant, enterprise roles to exactly one. */
public enum Role {
    OPERATOR_ADMIN, OPERATOR_REVIEWER, AUDITOR, ENTERPRISE_ADMIN, ENTERPRISE_AGENT;

    public static final Set<Role> OPERATOR_SIDE = EnumSet.of(OPERATOR_ADMIN, OPERATOR_REVIEWER, AUDITOR);
    public static final Set<Role> ENTERPRISE_SIDE = EnumSet.of(ENTERPRISE_ADMIN, ENTERPRISE_AGENT);

    public boolean isOperatorSide() {
        return OPERATOR_SIDE.contains(this);
    }
}
