package cn.np700.portal.audit;

import java.time.Instant;

/** One recorded state change. */
public record AuditEntry(long seq, Instant occurredAt, String actor, Long actorUserId, Long actorTenantId, Long tenantId,
        String action, String targetType, String targetId, String clientIp, String details, String prevHash, String hash) {
}
