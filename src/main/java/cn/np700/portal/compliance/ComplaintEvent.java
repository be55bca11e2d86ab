package cn.np700.portal.compliance;

import cn.np700.portal.audit.AuditableEvent;

/** A step in one complaint's life: its audit entry targets that complaint. */
public interface ComplaintEvent extends AuditableEvent {

    long complaintId();

    @Override
    default String targetType() {
        return "COMPLAINT";
    }

    @Override
    default String targetId() {
        return Long.toString(complaintId());
    }
}
