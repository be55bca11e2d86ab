/**
 * The tenant REST API under /api/v1/bindings, with its JSON and the per-tenant limit on concurrent writes.
 */
package cn.np700.portal.bindings.api;
