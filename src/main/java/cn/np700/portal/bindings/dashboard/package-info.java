/**
 * The bindings module's dashboard panels: an enterprise's quota use, bindings created per day and about to expire,
 * what holds its bindings (suspensions); the operators' busiest tenants.
 */
package cn.np700.portal.bindings.dashboard;
