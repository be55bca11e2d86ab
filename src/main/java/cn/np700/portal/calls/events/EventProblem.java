package cn.np700.portal.calls.events;

/** A refused event's problem with one field: its index in the push, a stable code and an English message. */
public record EventProblem(int index, String callId, String field, String code, String message) {
}
