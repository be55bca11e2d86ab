package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/**
 * A binding as the portal and the API show it: real numbers masked. {@code status} is already the effective one: a
 * live binding past its expiry reads EXPIRED even before the expiry job has ended it.
 */
public record Binding(long id, TenantId tenantId, BindingMode mode, long x, String aMasked, String bMasked, String nMasked,
        Direction direction, boolean record, String orderRef, BindingStatus status, Instant expiresAt, Instant createdAt,
        String createdBy, Instant updatedAt, Instant endedAt, String endedBy) {

    public boolean live() {
        return status.live();
    }
}
