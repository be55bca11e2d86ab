package cn.np700.portal.compliance;

/** A 700 number with its complaints in a window, and the tenant named by the newest of them. */
public record ComplainedNumber(long x, Long tenantId, long complaints) {
}
