package cn.np700.portal.compliance;

import java.time.Instant;

/** A complaint as operators see it; the citizen's contact is shown masked until someone handling it asks. */
public record ComplaintRow(long id, String reference, long number, Long tenantId, ComplaintCategory category,
        String description, String contact, Instant createdAt, ComplaintStatus status, Instant handledAt,
        String handledBy, String handledNote, Instant callTime) {

    public boolean open() {
        return status == ComplaintStatus.OPEN;
    }

    public String maskedContact() {
        return ContactMask.mask(contact);
    }
}
