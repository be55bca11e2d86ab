package cn.np700.portal.compliance;

import cn.np700.portal.scope.TenantId;
/**
 * A 700 number with its complaints in a window, and the tenant named by the newest of them (null when no tenant held
 * the number then).
 */
public record ComplainedNumber(long x, TenantId tenantId, long complaints) {
}
