package cn.np700.portal.calls.routing;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/** A routing request answered REJECT, as operators see it: the caller masked; no tenant when none holds the X. */
public record RejectionRow(long id, Instant at, String callId, long x, String callerMasked, String reason,
        TenantId tenantId, Long bindingId) {
}
