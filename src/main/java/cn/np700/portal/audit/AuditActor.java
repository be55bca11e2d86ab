package cn.np700.portal.audit;

import cn.np700.portal.scope.TenantId;

/** Who did something: a user (with the tenant they belong to) or the system itself. */
public record AuditActor(String name, Long userId, TenantId tenantId) {

    public static final AuditActor SYSTEM = new AuditActor("system", null, null);
}
