package cn.np700.portal.blacklist;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditableEvent;
import java.util.Map;

/** A number added to or removed from a blacklist; only its masked form is recorded. */
record BlacklistChanged(String action, long entryId, TenantId tenantId, Map<String, Object> details) implements AuditableEvent {

    @Override
    public String targetType() {
        return "BLACKLIST_ENTRY";
    }

    @Override
    public String targetId() {
        return Long.toString(entryId);
    }
}
