package cn.np700.portal.calls.views;

import cn.np700.portal.scope.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tenants' names keyed by {@link TenantId}, in the directory's order: rows carry a TenantId, and a map keyed by the
 * bare number would answer a template's {@code tenantNames[row.tenantId()]} with nothing, silently.
 */
public final class TenantNames {

    private TenantNames() {
    }

    public static Map<TenantId, String> byId(Map<Long, String> names) {
        Map<TenantId, String> byId = new LinkedHashMap<>();
        names.forEach((id, name) -> byId.put(TenantId.of(id), name));
        return byId;
    }
}
