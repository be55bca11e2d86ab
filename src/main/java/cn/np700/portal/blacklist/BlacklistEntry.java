package cn.np700.portal.blacklist;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/**
 * One listed number as pages show it: masked, with its list and state. {@code tenantId} is null for an entry of the
 * platform's list, whose row has no tenant.
 */
public record BlacklistEntry(long id, TenantId tenantId, String numberMasked, String reason, Instant expiresAt,
        Instant createdAt, String createdBy, Instant removedAt, String removedBy) {

    public boolean inForce(Instant now) {
        return removedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public boolean platformWide() {
        return tenantId == null;
    }
}
