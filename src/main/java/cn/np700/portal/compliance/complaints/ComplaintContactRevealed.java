package cn.np700.portal.compliance.complaints;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** An operator had a complaint's citizen contact shown in full; the entry keeps only the masked contact. */
record ComplaintContactRevealed(long complaintId, String reference, TenantId tenantId, String maskedContact)
        implements AuditableEvent {

    @Override
    public String action() {
        return "COMPLAINT_CONTACT_REVEALED";
    }

    @Override
    public String targetType() {
        return "COMPLAINT";
    }

    @Override
    public String targetId() {
        return Long.toString(complaintId);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("reference", reference, "contact", maskedContact);
    }
}
