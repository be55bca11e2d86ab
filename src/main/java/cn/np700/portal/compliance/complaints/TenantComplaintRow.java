package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.ComplaintCategory;
import cn.np700.portal.compliance.ComplaintStatus;
import java.time.Instant;

/** A complaint as the tenant concerned sees it: no contact details of the citizen, no address. */
public record TenantComplaintRow(String reference, long number, ComplaintCategory category, String description,
        Instant createdAt, ComplaintStatus status, Instant handledAt) {
}
