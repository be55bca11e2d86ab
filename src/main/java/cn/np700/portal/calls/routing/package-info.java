/**
 * The carrier's routing API (the hot path): the routing decision from one database read, and refused routes, kept\n * in batches and shown to operators per reason.
 */
package cn.np700.portal.calls.routing;
