package cn.np700.portal.calls.ingestion;

import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import java.time.Instant;

/**
 * A record that passed every check: numbers normalised, times parsed; {@code index} is its place in the batch and
 * {@code routedBinding} the binding the routing answer named, when the carrier sent it back.
 */
public record CheckedRecord(int index, String callId, long x, String caller, String callee, CallType type, Instant start,
        Instant ring, Instant answer, Instant release, int durationSeconds, Integer releaseCause, String releaseSide,
        CallResult result, String recordingRef, Long routedBinding) {
}
