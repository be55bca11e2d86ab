/**
 * Enterprises as operators manage them: registration with the first admin, the list and its filters, profile edits,
 * termination, the contact mobile revealed on the audit trail, and suspension reasons from the tenant's page.
 */
package cn.np700.portal.tenancy.tenants;
