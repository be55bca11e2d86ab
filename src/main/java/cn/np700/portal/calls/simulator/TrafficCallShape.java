package cn.np700.portal.calls.simulator;

import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import java.time.Duration;
import java.time.Instant;

/**
 * How one connected call or message went, as offsets from its start: when it rang, was answered and released, its
 * talk time and the Q.850 release cause and side the carrier reports.
 */
record TrafficCallShape(CallType type, CallResult result, Duration ring, Duration answer, Duration release,
        int durationSeconds, Integer releaseCause, String releaseSide) {

    /**
     * The carrier's record of this call starting at {@code start}, naming the binding the routing answer gave; a
     * recording only of answered, recorded calls.
     */
    CallRecordJson record(String callId, long x, String caller, String callee, Instant start, boolean recorded,
            Long bindingId) {
        return new CallRecordJson(callId, Long.toString(x), caller, callee, type.name(), start.toString(),
                at(start, ring), at(start, answer), start.plus(release).toString(), durationSeconds, releaseCause,
                releaseSide, result.name(),
                recorded && type == CallType.VOICE && result == CallResult.ANSWERED ? "rec/" + callId + ".mp3" : null,
                bindingId);
    }

    private static String at(Instant start, Duration offset) {
        return offset == null ? null : start.plus(offset).toString();
    }
}
