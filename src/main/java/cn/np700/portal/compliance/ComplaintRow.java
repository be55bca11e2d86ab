package cn.np700.portal.compliance;

import cn.np700.portal.compliance.complaints.ContactMask;
import cn.np700.portal.scope.TenantId;
import java.time.Instant;

/**
 * A complaint as operators see it; the citizen's contact is shown masked until someone handling it asks. No tenant
 * when none held the number at the time.
 */
public record ComplaintRow(long id, String reference, long number, TenantId tenantId, ComplaintCategory category,
        String description, String contact, Instant createdAt, ComplaintStatus status, Instant handledAt,
        String handledBy, String handledNote, Instant callTime) {

    public boolean open() {
        return status == ComplaintStatus.OPEN;
    }

    public String maskedContact() {
        return ContactMask.mask(contact);
    }
}
