package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A live binding ended: unbound by its tenant or an operator, expired, or ended because its block was reclaimed. */
public record BindingEnded(long bindingId, TenantId tenantId, long x, BindingStatus endedAs, String reason, Instant at,
        boolean bySystem) implements BindingEvent {

    @Override
    public String action() {
        return endedAs == BindingStatus.EXPIRED ? "BINDING_EXPIRED" : "BINDING_UNBOUND";
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("x", Long.toString(x));
        details.put("reason", reason);
        return details;
    }

    @Override
    public Optional<AuditActor> actor() {
        return bySystem ? Optional.of(AuditActor.SYSTEM) : Optional.empty();
    }
}
