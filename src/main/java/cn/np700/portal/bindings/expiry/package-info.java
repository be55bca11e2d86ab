/**
 * The job that ends bindings past their expiry and forgets old peer counts.
 */
package cn.np700.portal.bindings.expiry;
