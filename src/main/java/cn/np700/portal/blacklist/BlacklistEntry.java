package cn.np700.portal.blacklist;

import java.time.Instant;

/** One listed number as pages show it: masked, with its scope (null tenant = platform-wide) and state. */
public record BlacklistEntry(long id, Long tenantId, String numberMasked, String reason, Instant expiresAt,
        Instant createdAt, String createdBy, Instant removedAt, String removedBy) {

    public boolean inForce(Instant now) {
        return removedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public boolean platformWide() {
        return tenantId == null;
    }
}
