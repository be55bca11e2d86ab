/**
 * Call status events in: the carrier's call event API and its checks, each event stored once, matched to the binding
 * the call was routed to, and told to listeners ({@link cn.np700.portal.calls.CallStatusReported}); the status
 * timeline of a call for the call record views.
 */
package cn.np700.portal.calls.events;
