package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.suspension.SuspensionSource;
import java.util.LinkedHashMap;
import java.util.Map;

/** A reason suspending a binding was opened or lifted, with why (a risk rule, an operator's reason or note). */
public record BindingSuspensionChanged(long bindingId, TenantId tenantId, boolean suspended, String reason,
        SuspensionSource source, long reasonId) implements BindingEvent {

    @Override
    public String action() {
        return suspended ? "BINDING_SUSPENDED" : "BINDING_UNSUSPENDED";
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason == null ? "" : reason);
        details.put("source", source.name());
        details.put("reasonId", reasonId);
        return details;
    }
}
