package cn.np700.portal.compliance;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A citizen filed a complaint on the public check page (published inside the storing transaction). */
public record ComplaintReceived(long complaintId, String reference, long number, TenantId tenantId,
        ComplaintCategory category) implements ComplaintEvent {

    static final AuditActor ANONYMOUS = new AuditActor("anonymous", null, null);

    @Override
    public String action() {
        return "COMPLAINT_RECEIVED";
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reference", reference);
        details.put("number", Long.toString(number));
        details.put("category", category.name());
        return details;
    }

    @Override
    public Optional<AuditActor> actor() {
        return Optional.of(ANONYMOUS);
    }
}
