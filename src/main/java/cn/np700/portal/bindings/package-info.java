/**
 * Bindings: AXB and AXN bindings of verified real numbers to the tenant's 700 numbers, X selection, quotas, expiry,
 * the tenant REST API and the bindings pages. The database enforces that a real number appears at most once per X
 * among live bindings.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bindings")
package cn.np700.portal.bindings;
