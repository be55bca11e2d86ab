package cn.np700.portal.calls.simulator;

import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.calls.events.CallEventJson;
import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How one connected call or message went, as offsets from its start: when it rang, was answered and released, its
 * talk time and the Q.850 release cause and side the carrier reports.
 */
record TrafficCallShape(CallType type, CallResult result, Duration ring, Duration answer, Duration release,
        int durationSeconds, Integer releaseCause, String releaseSide) {

    /** Q.850's normal call clearing. */
    private static final int NORMAL_CLEARING = 16;

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

    /**
     * The carrier's status events of this call starting at {@code start} (a voice call's only): alerting when it rang,
     * answered when it was, and disconnected with its release cause, naming the binding the routing answer gave.
     */
    List<CallEventJson> events(String callId, long x, Instant start, Long bindingId) {
        List<CallEventJson> events = new ArrayList<>(3);
        if (type != CallType.VOICE) {
            return events;
        }
        String number = Long.toString(x);
        if (ring != null) {
            events.add(new CallEventJson(callId, number, CallEventType.ALERTING.name(), null, at(start, ring), bindingId));
        }
        if (answer != null) {
            events.add(new CallEventJson(callId, number, CallEventType.ANSWERED.name(), null, at(start, answer), bindingId));
        }
        events.add(new CallEventJson(callId, number, CallEventType.DISCONNECTED.name(),
                String.valueOf(releaseCause == null ? NORMAL_CLEARING : releaseCause), at(start, release), bindingId));
        return events;
    }

    private static String at(Instant start, Duration offset) {
        return offset == null ? null : start.plus(offset).toString();
    }
}
