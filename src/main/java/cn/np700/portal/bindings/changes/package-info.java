/**
 * Changing live bindings (expiry, B, direction) and ending them: unbinding, operators' forced unbinding, and ending
 * those on a reclaimed block.
 */
package cn.np700.portal.bindings.changes;
