package cn.np700.portal.bindings;

import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;

/** A binding was created (published inside the creating transaction); numbers are masked. */
public record BindingCreated(Binding binding, Long apiKeyId) implements AuditableEvent {

    @Override
    public String action() {
        return "BINDING_CREATED";
    }

    @Override
    public String targetType() {
        return "BINDING";
    }

    @Override
    public String targetId() {
        return Long.toString(binding.id());
    }

    @Override
    public TenantId tenantId() {
        return binding.tenantId();
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", binding.mode().name());
        details.put("x", Long.toString(binding.x()));
        details.put("a", binding.aMasked());
        if (binding.bMasked() != null) {
            details.put("b", binding.bMasked());
        }
        if (binding.nMasked() != null) {
            details.put("n", binding.nMasked());
        }
        details.put("direction", binding.direction().name());
        details.put("record", binding.record());
        if (binding.orderRef() != null) {
            details.put("orderRef", binding.orderRef());
        }
        details.put("expiresAt", binding.expiresAt().toString());
        if (apiKeyId != null) {
            details.put("apiKeyId", apiKeyId);
        }
        return details;
    }
}
