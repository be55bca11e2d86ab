package cn.np700.portal.calls.views;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/**
 * One stored call record as the pages, the export and the API show it: real numbers only ever masked. {@code tenantId}
 * is null for a record no tenant holds the X of (NO_TENANT).
 */
public record CallRow(long id, String callId, TenantId tenantId, Long bindingId, String matchStatus, long x,
        String callerMasked, String calleeMasked, String type, String direction, Instant startTime, Instant ringTime,
        Instant answerTime, Instant releaseTime, int durationSeconds, Integer releaseCause, String releaseSide,
        String result, String recordingRef, Instant receivedAt, Instant reviewedAt, String reviewedBy,
        String orderRef) {

    public boolean matched() {
        return "MATCHED".equals(matchStatus);
    }

    KeysetCursor cursor() {
        return new KeysetCursor(startTime, id);
    }

    CallRow withOrderRef(String ref) {
        return new CallRow(id, callId, tenantId, bindingId, matchStatus, x, callerMasked, calleeMasked, type, direction,
                startTime, ringTime, answerTime, releaseTime, durationSeconds, releaseCause, releaseSide, result,
                recordingRef, receivedAt, reviewedAt, reviewedBy, ref);
    }
}
