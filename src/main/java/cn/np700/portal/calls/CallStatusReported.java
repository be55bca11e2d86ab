package cn.np700.portal.calls;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/**
 * The carrier reported a call's status and it matched a routed call of {@code tenant}; published inside the
 * transaction that stored the event. {@code cause} is the disconnect cause, null for other types.
 */
public record CallStatusReported(TenantId tenant, long bindingId, String callId, long x, CallEventType type,
        String cause, Instant at) {
}
