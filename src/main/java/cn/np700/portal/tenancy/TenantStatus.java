package cn.np700.portal.tenancy;

public enum TenantStatus {
    ACTIVE, SUSPENDED, TERMINATED
}
