package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.tenancy.BusinessCategory;
import cn.np700.portal.tenancy.TenantStatus;

/** The tenant list's filters: free text over name and credit code, status, category. */
record TenantFilter(String q, TenantStatus status, BusinessCategory category) {

    String text() {
        return q == null || q.isBlank() ? null : q.trim();
    }
}
