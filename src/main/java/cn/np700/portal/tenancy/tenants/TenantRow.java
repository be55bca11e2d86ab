package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.tenancy.BusinessCategory;
import cn.np700.portal.tenancy.TenantStatus;
import java.time.Instant;

record TenantRow(long id, String name, String creditCode, BusinessCategory category, TenantStatus status,
        long dailyOrderVolume, int users, Instant createdAt) {
}
