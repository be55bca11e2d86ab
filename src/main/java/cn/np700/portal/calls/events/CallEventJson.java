package cn.np700.portal.calls.events;

/**
 * One call event as the carrier pushes it: the call's id (the one it routed and will report the record under), X, the
 * type (ALERTING, ANSWERED, DISCONNECTED), the disconnect cause (DISCONNECTED only) and the time, an ISO-8601 instant.
 * {@code bindingId} is optional: the binding the routing answer named. Checked by {@link EventChecks}.
 */
public record CallEventJson(String callId, String x, String type, String cause, String time, Long bindingId) {
}
