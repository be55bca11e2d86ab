package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import java.util.Map;

/** A live binding's expiry, B or direction changed; {@code changes} maps each field to its before and after. */
public record BindingChanged(long bindingId, TenantId tenantId, long x, Map<String, Object> changes) implements BindingEvent {

    @Override
    public String action() {
        return "BINDING_UPDATED";
    }

    @Override
    public Map<String, Object> details() {
        return changes;
    }
}
