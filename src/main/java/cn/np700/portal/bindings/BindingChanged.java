package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** A live binding's expiry, B or direction changed; {@code changes} maps each field to its before and after. */
public record BindingChanged(long bindingId, TenantId tenantId, long x, Map<String, Object> changes) implements AuditableEvent {

    @Override
    public String action() {
        return "BINDING_UPDATED";
    }

    @Override
    public String targetType() {
        return "BINDING";
    }

    @Override
    public String targetId() {
        return Long.toString(bindingId);
    }


    @Override
    public Map<String, Object> details() {
        return changes;
    }
}
