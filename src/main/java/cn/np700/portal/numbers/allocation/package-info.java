/**
 * Allocation of approved blocks into a tenant's pool: choosing the codes and taking them, with the tenant's block
 * quota, in conditional UPDATEs that settle concurrent approvals.
 */
package cn.np700.portal.numbers.allocation;
