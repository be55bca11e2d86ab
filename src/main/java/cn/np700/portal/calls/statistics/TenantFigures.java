package cn.np700.portal.calls.statistics;

/** One tenant's roll-up figures over a statistics period, for the operators' comparison. */
public record TenantFigures(long tenantId, DayFigures figures) {
}
