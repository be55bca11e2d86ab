package cn.np700.portal.calls.routing;

import java.time.Instant;

/** A routing request answered REJECT, as operators see it: the caller masked. */
public record RejectionRow(long id, Instant at, String callId, long x, String callerMasked, String reason,
        Long tenantId, Long bindingId) {
}
