package cn.np700.portal.tenancy;

import org.springframework.stereotype.Service;

/** Suspends or reactivates a tenant for another module (risk), through the tenant state machine. */
@Service
public class TenantSuspensions {

    private final TenantAdministration administration;

    TenantSuspensions(TenantAdministration administration) {
        this.administration = administration;
    }

    /** False when the tenant cannot be suspended (already suspended or terminated). */
    public boolean suspend(long tenantId, String reason) {
        return move(tenantId, TenantStatus.SUSPENDED, reason);
    }

    /** False when the tenant is not suspended. */
    public boolean reactivate(long tenantId, String reason) {
        return move(tenantId, TenantStatus.ACTIVE, reason);
    }

    // checked first, so that a refused move does not mark a caller's transaction rollback-only
    private boolean move(long tenantId, TenantStatus target, String reason) {
        if (!TenantAdministration.allowed(administration.get(tenantId).status(), target)) {
            return false;
        }
        administration.changeStatus(tenantId, target, reason);
        return true;
    }
}
