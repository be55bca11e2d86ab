/**
 * Calls: the carrier's routing API (the hot path), call record ingestion with daily roll-ups, the call record views,
 * statistics and streaming export, retention, and the demo traffic simulator. This package holds what other modules
 * use ({@link cn.np700.portal.calls.CallHistory}); each part lives in a sub-package of its own, internal to the module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calls")
package cn.np700.portal.calls;
