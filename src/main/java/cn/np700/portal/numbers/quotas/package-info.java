/**
 * The operators' quota page: a tenant's own quota overrides over the platform defaults.
 */
package cn.np700.portal.numbers.quotas;
