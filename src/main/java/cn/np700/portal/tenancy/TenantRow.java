package cn.np700.portal.tenancy;

import java.time.Instant;

record TenantRow(long id, String name, String creditCode, BusinessCategory category, TenantStatus status,
        long dailyOrderVolume, int users, Instant createdAt) {
}
