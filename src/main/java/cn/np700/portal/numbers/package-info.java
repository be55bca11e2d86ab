/**
 * 700 number resources: the platform's inventory of granted blocks, tenants' number requests and their approval,
 * allocation into a tenant's pool, quotas, release, reclaim, suspension, cooling and each number's history.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Number resources")
package cn.np700.portal.numbers;
