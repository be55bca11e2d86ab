/**
 * Read-only lists of bindings: the filter, the paged query, and why a live binding takes no calls (its holds).
 */
package cn.np700.portal.bindings.queries;
