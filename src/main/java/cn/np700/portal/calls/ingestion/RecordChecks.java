package cn.np700.portal.calls.ingestion;

import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.phones.PhoneNumbers;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one pushed record. A bad one is reported by its index with a stable reason while the good ones of the batch
 * are stored; a record is never stored in part.
 */
public final class RecordChecks {

    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Set<String> RELEASE_SIDES = Set.of("CALLER", "CALLEE", "NETWORK");

    private RecordChecks() {
    }

    /** A record's problem: a stable reason and an English message. */
    public record Problem(int index, String callId, String reason, String message) {
    }

    public sealed interface Outcome permits Good, Bad {
    }

    public record Good(CheckedRecord record) implements Outcome {
    }

    record Bad(Problem problem) implements Outcome {
    }

    public static Outcome check(int index, CallRecordJson in, Instant now) {
        String callId = in.callId() == null ? null : in.callId().trim();
        if (callId == null || callId.isEmpty() || callId.length() > 64) {
            return bad(index, callId, "INVALID_CALL_ID", "callId is required, at most 64 characters.");
        }
        Optional<UsageNumber> x = UsageNumber.parse(in.x());
        if (x.isEmpty()) {
            return bad(index, callId, "UNKNOWN_X", "x is not a 15-digit 700 number.");
        }
        Optional<String> caller = PhoneNumbers.normalizeCallNumber(in.caller());
        if (caller.isEmpty()) {
            return bad(index, callId, "MALFORMED_NUMBER", "caller is not a telephone number.");
        }
        Optional<String> callee = in.callee() == null || in.callee().isBlank() ? Optional.empty()
                : PhoneNumbers.normalizeCallNumber(in.callee());
        if (in.callee() != null && !in.callee().isBlank() && callee.isEmpty()) {
            return bad(index, callId, "MALFORMED_NUMBER", "callee is not a telephone number.");
        }
        CallType type = parse(CallType.class, in.type());
        if (type == null) {
            return bad(index, callId, "UNKNOWN_TYPE", "type is VOICE or SMS.");
        }
        CallResult result = parse(CallResult.class, in.result());
        if (result == null) {
            return bad(index, callId, "UNKNOWN_RESULT", "result is ANSWERED, BUSY, NO_ANSWER, REJECTED or FAILED.");
        }
        Instant start;
        Instant ring;
        Instant answer;
        Instant release;
        try {
            start = time(in.startTime());
            ring = time(in.ringTime());
            answer = time(in.answerTime());
            release = time(in.releaseTime());
        } catch (DateTimeParseException e) {
            return bad(index, callId, "MALFORMED_TIME", "times are ISO-8601 instants, e.g. 2026-11-23T08:00:00Z.");
        }
        if (start == null) {
            return bad(index, callId, "MALFORMED_TIME", "startTime is required.");
        }
        Instant latest = now.plus(CLOCK_SKEW);
        for (Instant t : new Instant[] {start, ring, answer, release}) {
            if (t != null && t.isAfter(latest)) {
                return bad(index, callId, "TIME_IN_FUTURE", "a time is in the future beyond the allowed clock skew.");
            }
        }
        if (release != null && release.isBefore(start)) {
            return bad(index, callId, "RELEASE_BEFORE_START", "releaseTime is before startTime.");
        }
        int duration = in.durationSeconds() == null ? 0 : in.durationSeconds();
        if (duration < 0) {
            return bad(index, callId, "NEGATIVE_DURATION", "durationSeconds is negative.");
        }
        if (in.recordingRef() != null && in.recordingRef().length() > 200) {
            return bad(index, callId, "INVALID_RECORDING_REF", "recordingRef has at most 200 characters.");
        }
        String side = in.releaseSide() == null || in.releaseSide().isBlank() ? null : in.releaseSide().trim();
        if (side != null && !RELEASE_SIDES.contains(side)) {
            return bad(index, callId, "UNKNOWN_RELEASE_SIDE", "releaseSide is CALLER, CALLEE or NETWORK.");
        }
        if (in.bindingId() != null && in.bindingId() <= 0) {
            return bad(index, callId, "INVALID_BINDING_ID", "bindingId is the positive id of the routing answer.");
        }
        return new Good(new CheckedRecord(index, callId, x.get().value(), caller.get(), callee.orElse(null), type, start,
                ring, answer, release, duration, in.releaseCause(), side, result, blankToNull(in.recordingRef()),
                in.bindingId()));
    }

    private static Bad bad(int index, String callId, String reason, String message) {
        return new Bad(new Problem(index, callId, reason, message));
    }

    private static Instant time(String value) {
        return value == null || value.isBlank() ? null : RecordTimes.parse(value.trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        for (E candidate : type.getEnumConstants()) {
            if (candidate.name().equals(value.trim())) {
                return candidate;
            }
        }
        return null;
    }
}
