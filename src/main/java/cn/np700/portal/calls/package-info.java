/**
 * Calls: the carrier's routing API (the hot path), call record ingestion with daily roll-ups, the call record views,
 * statistics and streaming export, retention, and the demo traffic simulator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calls")
package cn.np700.portal.calls;
