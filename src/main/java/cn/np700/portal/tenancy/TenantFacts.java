package cn.np700.portal.tenancy;

/** What other modules may know of a tenant. */
public record TenantFacts(long id, String name, BusinessCategory category, long dailyOrderVolume, TenantStatus status) {

    public boolean active() {
        return status == TenantStatus.ACTIVE;
    }
}
