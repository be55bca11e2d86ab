package cn.np700.portal.calls.events;

import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.calls.ingestion.RecordChecks;
import cn.np700.portal.numbers.UsageNumber;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks one pushed event field by field: every bad field is reported with its own stable code, and an event with any
 * is not stored.
 */
final class EventChecks {

    private static final Pattern CAUSE = Pattern.compile("[A-Za-z0-9_.:-]{1,32}");

    private EventChecks() {
    }

    /** Either the checked event or its problems (at least one). */
    record Outcome(CheckedEvent event, List<EventProblem> problems) {
    }

    static Outcome check(int index, CallEventJson in, Instant now) {
        String callId = trimmed(in.callId());
        List<EventProblem> problems = new ArrayList<>();
        if (callId == null || callId.length() > 64) {
            problems.add(new EventProblem(index, callId, "callId", "INVALID_CALL_ID",
                    "callId is required, at most 64 characters."));
        }
        Optional<UsageNumber> x = UsageNumber.parse(in.x());
        if (x.isEmpty()) {
            problems.add(new EventProblem(index, callId, "x", "UNKNOWN_X", "x is not a 15-digit 700 number."));
        }
        CallEventType type = type(in.type());
        if (type == null) {
            problems.add(new EventProblem(index, callId, "type", "UNKNOWN_EVENT_TYPE",
                    "type is ALERTING, ANSWERED or DISCONNECTED."));
        }
        String cause = trimmed(in.cause());
        if (cause != null && !CAUSE.matcher(cause).matches()) {
            problems.add(new EventProblem(index, callId, "cause", "INVALID_CAUSE",
                    "cause has 1 to 32 letters, digits or _ . : -"));
        } else if (cause == null && type == CallEventType.DISCONNECTED) {
            problems.add(new EventProblem(index, callId, "cause", "CAUSE_REQUIRED", "a DISCONNECTED event needs its cause."));
        } else if (cause != null && type != null && type != CallEventType.DISCONNECTED) {
            problems.add(new EventProblem(index, callId, "cause", "CAUSE_NOT_ALLOWED",
                    "only a DISCONNECTED event has a cause."));
        }
        Instant at = null;
        try {
            at = trimmed(in.time()) == null ? null : Instant.parse(in.time().trim());
        } catch (DateTimeParseException e) {
            // reported below as a malformed time
        }
        if (at == null) {
            problems.add(new EventProblem(index, callId, "time", "MALFORMED_TIME",
                    "time is required, an ISO-8601 instant, e.g. 2026-11-23T08:00:00Z."));
        } else if (at.isAfter(now.plus(RecordChecks.CLOCK_SKEW))) {
            problems.add(new EventProblem(index, callId, "time", "TIME_IN_FUTURE",
                    "time is in the future beyond the allowed clock skew."));
        }
        if (in.bindingId() != null && in.bindingId() <= 0) {
            problems.add(new EventProblem(index, callId, "bindingId", "INVALID_BINDING_ID",
                    "bindingId is the positive id of the routing answer."));
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, List.copyOf(problems));
        }
        return new Outcome(new CheckedEvent(index, callId, x.get().value(), type, cause, at, in.bindingId()), List.of());
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static CallEventType type(String value) {
        for (CallEventType candidate : CallEventType.values()) {
            if (candidate.name().equals(trimmed(value))) {
                return candidate;
            }
        }
        return null;
    }
}
