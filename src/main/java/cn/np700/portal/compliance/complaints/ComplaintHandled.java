package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.ComplaintEvent;
import cn.np700.portal.scope.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;

/** An operator marked a complaint as handled, with a note saying what was done. */
public record ComplaintHandled(long complaintId, String reference, TenantId tenantId, String note) implements ComplaintEvent {

    @Override
    public String action() {
        return "COMPLAINT_HANDLED";
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reference", reference);
        details.put("note", note);
        return details;
    }
}
