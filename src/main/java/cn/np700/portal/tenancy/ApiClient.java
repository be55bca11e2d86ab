package cn.np700.portal.tenancy;

/** The caller of the tenant API, identified by its API key; the tenant always comes from the key, never the request. */
public record ApiClient(long tenantId, long keyId, String keyName) {

    /** How the audit trail and stored records name the caller. */
    public String actorName() {
        return "api:" + keyName;
    }
}
