package cn.np700.portal.audit;

/** Who did something: a user (with the tenant they belong to) or the system itself. */
public record AuditActor(String name, Long userId, Long tenantId) {

    public static final AuditActor SYSTEM = new AuditActor("system", null, null);
}
