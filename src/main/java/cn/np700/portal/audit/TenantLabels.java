package cn.np700.portal.audit;

import java.util.Map;

/** Tenant names for the audit pages; implemented by the tenancy module. */
public interface TenantLabels {

    /** All tenants by id, in name order. */
    Map<Long, String> all();
}
