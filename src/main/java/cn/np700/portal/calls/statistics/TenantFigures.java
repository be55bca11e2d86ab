package cn.np700.portal.calls.statistics;

import cn.np700.portal.scope.TenantId;

/** One tenant's roll-up figures over a statistics period, for the operators' comparison. */
public record TenantFigures(TenantId tenantId, DayFigures figures) {
}
