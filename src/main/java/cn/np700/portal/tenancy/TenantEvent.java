package cn.np700.portal.tenancy;

import cn.np700.portal.audit.AuditableEvent;

/** A change to one tenant itself: its audit entry targets that tenant. */
public interface TenantEvent extends AuditableEvent {

    @Override
    default String targetType() {
        return "TENANT";
    }

    @Override
    default String targetId() {
        return tenantId().toString();
    }
}
