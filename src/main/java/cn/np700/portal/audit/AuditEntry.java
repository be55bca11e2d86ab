package cn.np700.portal.audit;

import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/**
 * One recorded state change. {@code id} numbers entries in the order they were written; {@code seq}, {@code prevHash}
 * and {@code hash} are null until a chainer links the entry into the chain, about a second after its commit while a
 * portal node runs. {@code tenantId} is null for a platform-wide change, {@code actorTenantId} for an actor of no tenant
 * (an operator, the system).
 */
public record AuditEntry(long id, Long seq, Instant occurredAt, String actor, Long actorUserId, TenantId actorTenantId,
        TenantId tenantId, String action, String targetType, String targetId, String clientIp, String details,
        String prevHash, String hash) {
}
