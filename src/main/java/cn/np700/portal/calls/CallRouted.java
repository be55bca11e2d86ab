package cn.np700.portal.calls;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/**
 * The carrier asked where a call to X goes and the portal answered for a binding of {@code tenant} (calls to X that
 * match no binding have no tenant to tell). Published after the answer is decided, outside any transaction: routing is
 * the hot path, so a listener must not block. {@code reason} is the refusal's code, null when connected.
 */
public record CallRouted(TenantId tenant, long bindingId, String callId, long x, String maskedCaller, boolean connected,
        String reason, Instant at) {
}
