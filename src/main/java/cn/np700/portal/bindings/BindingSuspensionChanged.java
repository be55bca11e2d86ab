package cn.np700.portal.bindings;

import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** A binding was suspended or restored, with the reason (a risk rule or an operator's note). */
public record BindingSuspensionChanged(long bindingId, Long tenantId, boolean suspended, String reason)
        implements AuditableEvent {

    @Override
    public String action() {
        return suspended ? "BINDING_SUSPENDED" : "BINDING_UNSUSPENDED";
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
        return Map.of("reason", reason == null ? "" : reason);
    }
}
