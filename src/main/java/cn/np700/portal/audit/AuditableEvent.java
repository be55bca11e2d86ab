package cn.np700.portal.audit;

import cn.np700.portal.scope.TenantId;
import java.util.Map;
import java.util.Optional;

/** An event that changes state and therefore appends one entry to the audit trail. */
public interface AuditableEvent {

    /** A stable, upper-case name such as {@code TENANT_CREATED}. */
    String action();

    String targetType();

    String targetId();

    /** The tenant the change concerns; null for platform-wide changes. */
    TenantId tenantId();

    /** Figures and values worth keeping; never passwords or unmasked personal numbers. */
    Map<String, Object> details();

    /** Who acted, when it is not the signed-in user (a login attempt names the account tried). */
    default Optional<AuditActor> actor() {
        return Optional.empty();
    }
}
