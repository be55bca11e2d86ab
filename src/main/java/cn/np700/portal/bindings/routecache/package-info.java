/**
 * The routing cache: the facts of recently routed calls, per X and caller, kept until a change that could alter them
 * (dropped on this node after its commit, on the others through the {@code route_change} journal they poll) or the
 * earliest expiry they relied on, whichever comes first. Why it is safe: docs/architecture.md, "The routing cache".
 */
package cn.np700.portal.bindings.routecache;
