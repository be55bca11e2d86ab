package cn.np700.portal.numbers.release;

import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.Map;

/** A block left its tenant, released by the tenant or reclaimed by an operator, and now cools until a date. */
public record BlockReleased(long code, TenantId tenantId, boolean reclaimed, int liveBindingsEnded, Instant coolingUntil)
        implements AuditableEvent {

    @Override
    public String action() {
        return reclaimed ? "BLOCK_RECLAIMED" : "BLOCK_RELEASED";
    }

    @Override
    public String targetType() {
        return "NUMBER_BLOCK";
    }

    @Override
    public String targetId() {
        return Long.toString(code);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("liveBindingsEnded", liveBindingsEnded, "coolingUntil", coolingUntil.toString());
    }
}
