package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.ComplaintEvent;
import cn.np700.portal.scope.TenantId;
import java.util.Map;

/** An operator had a complaint's citizen contact shown in full; the entry keeps only the masked contact. */
record ComplaintContactRevealed(long complaintId, String reference, TenantId tenantId, String maskedContact)
        implements ComplaintEvent {

    @Override
    public String action() {
        return "COMPLAINT_CONTACT_REVEALED";
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("reference", reference, "contact", maskedContact);
    }
}
