/**
 * 700 number resources: the platform's inventory of granted blocks, tenants' number requests and their approval,
 * allocation into a tenant's pool, quotas, release, reclaim, suspension, cooling and each number's history. This
 * package holds what other modules use (block codes and usage numbers, {@link cn.np700.portal.numbers.NumberDirectory},
 * {@link cn.np700.portal.numbers.NumberSeats}, {@link cn.np700.portal.numbers.NumberSuspensions},
 * {@link cn.np700.portal.numbers.Quotas}, {@link cn.np700.portal.numbers.NumberOperations} for the seed module) and what
 * every part shares (the refusal, the audit event, the settings); each part lives in a sub-package of its own,
 * internal to the module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Number resources")
package cn.np700.portal.numbers;
