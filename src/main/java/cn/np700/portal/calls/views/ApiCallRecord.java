package cn.np700.portal.calls.views;

import java.time.Instant;

/** A call record in the tenant API: numbers masked, X as a 15-digit string, times as UTC instants. */
record ApiCallRecord(long id, String callId, String x, String caller, String callee, String type, String direction,
        Instant startTime, Instant ringTime, Instant answerTime, Instant releaseTime, int durationSeconds,
        Integer releaseCause, String releaseSide, String result, String recordingRef, Long bindingId,
        String orderRef) {

    static ApiCallRecord of(CallRow r) {
        return new ApiCallRecord(r.id(), r.callId(), Long.toString(r.x()), r.callerMasked(), r.calleeMasked(),
                r.type(), r.direction(), r.startTime(), r.ringTime(), r.answerTime(), r.releaseTime(),
                r.durationSeconds(), r.releaseCause(), r.releaseSide(), r.result(), r.recordingRef(), r.bindingId(),
                r.orderRef());
    }
}
