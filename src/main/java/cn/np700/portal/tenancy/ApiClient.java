package cn.np700.portal.tenancy;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;

/** The caller of the tenant API, identified by its API key; the tenant always comes from the key, never the request. */
public record ApiClient(TenantId tenant, long keyId, String keyName) {

    /** The only rows the caller may reach: its key's tenant's. */
    public Scope.Tenant scope() {
        return Scope.of(tenant);
    }

    /** How the audit trail and stored records name the caller. */
    public String actorName() {
        return "api:" + keyName;
    }
}
